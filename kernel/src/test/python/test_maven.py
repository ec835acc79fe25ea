"""%maven through the real kernel, with Maven's resolver in process and no network: the kernel
runs with -Dhone.kernel.maven.offline=true, so only the local repository is used."""
import os
import unittest

from jupyter_client.manager import start_new_kernel

from test_kernel_behaviour import KernelCase

# Certainly in the local repository once the kernel is built: it is one of the resolver's own
# dependencies (kernel/pom.xml), which the build downloads; cells do not see it until %maven.
CACHED = "org.apache.maven:maven-artifact:3.10.0"


class MavenTests(KernelCase):
    @classmethod
    def setUpClass(cls):
        env = dict(os.environ)
        env["HONE_KERNEL_JVM_OPTS"] = (env.get("HONE_KERNEL_JVM_OPTS", "") + " -Dhone.kernel.maven.offline=true").strip()
        cls.km, cls.kc = start_new_kernel(kernel_name="hone", startup_timeout=120, env=env)

    def test_a_cached_artifact_resolves_offline_and_its_classes_work_in_the_next_cell(self):
        use = ('new org.apache.maven.artifact.versioning.ComparableVersion("1.10")'
               '.compareTo(new org.apache.maven.artifact.versioning.ComparableVersion("1.9")) > 0')
        reply, _ = self.run_cell(use)
        self.assertEqual(reply["status"], "error", "the class was visible before %maven")
        reply, outputs = self.run_cell("%maven " + CACHED, timeout=120)
        self.assertEqual(reply["status"], "ok", reply)
        printed = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        self.assertRegex(printed, r"added to the class path: [2-9] jars")  # the artifact and plexus-utils
        self.assertEqual(self.value(use), "true")

    def test_a_missing_artifact_gives_an_error_naming_its_coordinates(self):
        reply, _ = self.run_cell("%maven dev.hone.nowhere:no-such-artifact:9.9.9", timeout=120)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "MavenError")
        self.assertIn("cannot resolve dev.hone.nowhere:no-such-artifact:9.9.9: not in the local repository",
                      reply["evalue"])
        self.assertIn("offline", reply["evalue"])
        self.assertEqual(self.value("1 + 1"), "2")

    def test_coordinates_that_are_not_group_artifact_version_are_refused(self):
        reply, _ = self.run_cell("%maven commons-lang3", timeout=60)
        self.assertEqual(reply["ename"], "MavenError")
        self.assertIn("'commons-lang3' is not group:artifact:version", reply["evalue"])


if __name__ == "__main__":
    unittest.main()
