package dev.hone.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryTest {

  @TempDir Path dir;

  private Optional<Path> read(String settings) throws IOException {
    Path file = dir.resolve("settings.xml");
    Files.writeString(file, settings);
    return LocalRepository.fromSettings(file, Path.of("/home/ada"), Map.of("REPO", "/data/repo"));
  }

  @Test
  void a_local_repository_in_settings_is_used_with_user_home_and_env_expanded() throws IOException {
    assertEquals(Optional.of(Path.of("/home/ada/m2repo")),
        read("<settings><localRepository>${user.home}/m2repo</localRepository></settings>"));
    assertEquals(Optional.of(Path.of("/data/repo/maven")),
        read("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n"
            + "  <localRepository>\n    ${env.REPO}/maven\n  </localRepository>\n</settings>"));
  }

  @Test
  void settings_without_a_simple_local_repository_leave_the_default() throws IOException {
    assertEquals(Optional.empty(), read("<settings><offline>true</offline></settings>"));
    assertEquals(Optional.empty(), read("<settings><localRepository>${repo.dir}/x</localRepository></settings>"));
    assertEquals(Optional.empty(), read("<settings><localRepository>${env.UNSET}/x</localRepository></settings>"));
    assertEquals(Optional.empty(), read("not xml"));
    assertEquals(Optional.empty(), LocalRepository.fromSettings(dir.resolve("absent.xml"), dir, Map.of()));
  }
}
