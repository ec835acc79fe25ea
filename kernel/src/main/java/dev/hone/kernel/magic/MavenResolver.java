package dev.hone.kernel.magic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %maven}'s entry: resolves artifacts with Maven's resolver library, in process, with no
 * {@code mvn} needed.
 *
 * <p>The resolver's jars (some twenty-five) are not on the kernel's class path: the build copies
 * them to {@code target/maven-resolver/}, and the first {@code %maven} loads them in a class loader
 * of their own, with the implementation in {@code internal}. A kernel that never runs
 * {@code %maven} opens none of them, and cells never see their classes (a cell's own Gson or
 * plexus-utils cannot clash with the resolver's).
 *
 * <p>The local repository is {@code -Dmaven.repo.local} if set, else settings.xml's
 * {@code <localRepository>} (see {@link LocalRepository}), else {@code ~/.m2/repository}.
 */
final class MavenResolver {

  static final String OFFLINE_PROPERTY = "hone.kernel.maven.offline";
  private static final String IMPLEMENTATION = "dev.hone.kernel.magic.internal.AetherResolver";

  private static ArtifactResolver resolver;

  private MavenResolver() {}

  /** Returns the jars of {@code coordinates} and its runtime dependencies. */
  static List<Path> resolve(String coordinates) {
    return resolver().resolve(coordinates);
  }

  private static synchronized ArtifactResolver resolver() {
    if (resolver == null) {
      resolver = load(LocalRepository.find(), Boolean.getBoolean(OFFLINE_PROPERTY));
    }
    return resolver;
  }

  private static ArtifactResolver load(Path localRepository, boolean offline) {
    Path jars = resolverJars();
    List<URL> urls = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(jars, "*.jar")) {
      for (Path jar : stream) {
        urls.add(jar.toUri().toURL());
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "%maven needs Maven's resolver jars in " + jars + " (made by `mvn package` in kernel/): " + e, e);
    }
    ClassLoader loader = new OwnPackageFirst(urls.toArray(URL[]::new), MavenResolver.class.getClassLoader());
    try {
      return (ArtifactResolver)
          loader.loadClass(IMPLEMENTATION)
              .getConstructor(Path.class, boolean.class)
              .newInstance(localRepository, offline);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load Maven's resolver from " + jars + ": " + e, e);
    }
  }

  // target/classes or target/hone-kernel.jar -> target/maven-resolver
  private static Path resolverJars() {
    try {
      Path here = Path.of(MavenResolver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return here.getParent().resolve("maven-resolver");
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where the kernel's classes are: " + e, e);
    }
  }

  /**
   * Loads the resolver's jars parent first, except for {@code magic.internal}, which it defines
   * itself from the kernel's own class files so that the implementation links against the
   * resolver it can see. The kernel's loader would find the class too, but not Maven's classes.
   */
  private static final class OwnPackageFirst extends URLClassLoader {

    private static final String OWN = "dev.hone.kernel.magic.internal.";

    OwnPackageFirst(URL[] urls, ClassLoader parent) {
      super("hone-maven-resolver", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(OWN)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          String file = name.replace('.', '/') + ".class";
          try (InputStream in = getParent().getResourceAsStream(file)) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            loaded = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    static {
      ClassLoader.registerAsParallelCapable();
    }
  }
}
