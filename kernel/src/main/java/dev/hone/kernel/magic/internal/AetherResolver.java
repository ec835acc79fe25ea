package dev.hone.kernel.magic.internal;

import dev.hone.kernel.magic.ArtifactResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * {@code %maven} with Maven's own resolver, in process: the local repository first, offline, so
 * that what is cached needs no network; then Maven Central, unless the kernel runs offline
 * ({@code -Dhone.kernel.maven.offline=true}). Loaded only by {@link
 * dev.hone.kernel.magic.MavenResolver}, in a class loader that holds the resolver's jars.
 */
public final class AetherResolver implements ArtifactResolver {

  private static final RemoteRepository CENTRAL =
      new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

  private final RepositorySystem system = new RepositorySystemSupplier().get();
  private final Path localRepository;
  private final boolean offlineOnly;

  /**
   * @param localRepository the local repository, e.g. {@code ~/.m2/repository}
   * @param offlineOnly whether never to reach Maven Central
   */
  public AetherResolver(Path localRepository, boolean offlineOnly) {
    this.localRepository = localRepository;
    this.offlineOnly = offlineOnly;
  }

  @Override
  public List<Path> resolve(String coordinates) {
    Artifact artifact;
    try {
      artifact = new DefaultArtifact(coordinates);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + coordinates + "' is not group:artifact:version, e.g. org.apache.commons:commons-lang3:3.17.0");
    }
    DependencyResolutionException offline;
    try {
      return resolve(artifact, true);
    } catch (DependencyResolutionException e) {
      offline = e;
    }
    if (offlineOnly) {
      throw notFound(coordinates, artifact, offline, "the kernel runs offline (hone.kernel.maven.offline=true)");
    }
    try {
      return resolve(artifact, false);
    } catch (DependencyResolutionException e) {
      throw notFound(coordinates, artifact, e, "nor on Maven Central (" + CENTRAL.getUrl() + ")");
    }
  }

  private List<Path> resolve(Artifact artifact, boolean offline) throws DependencyResolutionException {
    try (RepositorySystemSession.CloseableSession session =
        new SessionBuilderSupplier(system).get()
            .withLocalRepositoryBaseDirectories(localRepository)
            .setOffline(offline)
            .setSystemProperties(System.getProperties())
            .build()) {
      CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), List.of(CENTRAL));
      DependencyRequest request =
          new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime"));
      DependencyResult result = system.resolveDependencies(session, request);
      List<Path> jars = new ArrayList<>();
      for (ArtifactResult r : result.getArtifactResults()) {
        jars.add(r.getArtifact().getPath());
      }
      return jars;
    }
  }

  // Names the coordinates the user typed and, when a dependency is what is missing, that one too.
  private IllegalStateException notFound(
      String coordinates, Artifact artifact, DependencyResolutionException e, String where) {
    Set<String> missing = new LinkedHashSet<>();
    if (e.getResult() != null) {
      for (ArtifactResult r : e.getResult().getArtifactResults()) {
        if (!r.isResolved()) {
          missing.add(r.getRequest().getArtifact().toString());
        }
      }
    }
    String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    String what = missing.isEmpty() || missing.equals(Set.of(artifact.toString()))
        ? coordinates
        : coordinates + " (missing: " + String.join(", ", missing) + ")";
    return new IllegalStateException(
        "cannot resolve " + what + ": not in the local repository " + localRepository + ", " + where
            + ". Check the coordinates on https://central.sonatype.com. Maven said: " + cause, e);
  }
}
