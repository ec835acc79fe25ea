"""%maven figures: the first %maven in a kernel (it loads Maven's resolver), a later one, and the
old way, `mvn -o dependency:build-classpath` in a subprocess, for the same cached artifacts, in the
same run. The kernel runs with -Dhone.kernel.maven.offline=true, so nothing is downloaded.

usage: kernel/bench/maven_bench.py [RUNS]   (default 3; JUPYTER_PATH must reach the hone kernelspec)
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import start_new_kernel

# Both are in the local repository once the kernel is built: dependencies of the resolver itself.
ARTIFACTS = ["org.apache.maven:maven-artifact:3.10.0", "org.apache.maven.resolver:maven-resolver-api:2.0.25"]

def run(kc, code):
    t = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        r = kc.get_shell_msg(timeout=300)
        if r["parent_header"].get("msg_id") == msg_id:
            break
    assert r["content"]["status"] == "ok", r["content"]
    return time.perf_counter() - t

def mvn(coords):
    g, a, v = coords.split(":")
    d = tempfile.mkdtemp()
    with open(os.path.join(d, "pom.xml"), "w") as f:
        f.write('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
                '<groupId>x</groupId><artifactId>y</artifactId><version>1</version><dependencies><dependency>'
                '<groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency></dependencies></project>' % (g, a, v))
    t = time.perf_counter()
    subprocess.run(["mvn", "-q", "-B", "-o", "-f", os.path.join(d, "pom.xml"),
                    "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                    "-Dmdep.outputFile=" + os.path.join(d, "cp.txt"), "-Dmdep.includeScope=runtime"], check=True)
    return time.perf_counter() - t

firsts, seconds, peers = [], [], []
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
    env = dict(os.environ, HONE_KERNEL_JVM_OPTS="-Dhone.kernel.maven.offline=true")
    km, kc = start_new_kernel(kernel_name="hone", startup_timeout=120, env=env)
    try:
        run(kc, "1 + 1")
        firsts.append(run(kc, "%maven " + ARTIFACTS[0]))
        seconds.append(run(kc, "%maven " + ARTIFACTS[1]))
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)
    peers.append(mvn(ARTIFACTS[1]))
m = statistics.median
print("first %%maven (loads the resolver), median of %d: %.2f s  %s" % (len(firsts), m(firsts), ["%.2f" % x for x in firsts]))
print("next %%maven (resolver loaded), median: %.3f s  %s" % (m(seconds), ["%.3f" % x for x in seconds]))
print("peer: mvn -o dependency:build-classpath (the old way), median: %.2f s  %s" % (m(peers), ["%.2f" % x for x in peers]))
print("ratio old/new: first %.1fx, next %.1fx" % (m(peers) / m(firsts), m(peers) / m(seconds)))
