package dev.hone.kernel.magic;

import java.nio.file.Path;
import java.util.List;

/**
 * Resolves Maven coordinates to jar files. The implementation ({@code internal.AetherResolver})
 * runs in a class loader of its own, made on the first {@code %maven}, so that Maven's resolver
 * costs nothing until then and its jars never reach the cells' class path.
 */
public interface ArtifactResolver {

  /**
   * Returns the jar of {@code coordinates} and those of its runtime dependencies.
   *
   * @param coordinates {@code group:artifact:version} (or {@code group:artifact:extension:version},
   *     {@code group:artifact:extension:classifier:version})
   * @return the jars, the artifact's own first
   * @throws IllegalArgumentException if the coordinates are not in one of those forms
   * @throws IllegalStateException if the artifact or a dependency cannot be found; the message
   *     names its coordinates and where they were looked for
   */
  List<Path> resolve(String coordinates);
}
