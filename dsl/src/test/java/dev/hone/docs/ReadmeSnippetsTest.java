package dev.hone.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet in the README compiles against the current API. */
class ReadmeSnippetsTest {

  private static final String IMPORTS = """
      import dev.hone.data.*;
      import dev.hone.model.*;
      import dev.hone.train.*;
      import dev.hone.bench.*;
      import dev.hone.layer.*;
      import dev.hone.compress.*;
      import dev.hone.provenance.*;
      import dev.hone.runtime.*;
      import dev.hone.quant.*;
      import dev.hone.optimize.*;
      import dev.hone.tune.*;
      import dev.hone.parallel.*;
      import static dev.hone.quant.Precision.*;
      import java.nio.file.*;
      import dev.hone.data.table.*;
      import dev.hone.data.augment.*;
      import dev.hone.data.filter.*;
      import tech.tablesaw.api.Table;
      """;

  @TempDir
  Path out;

  @Test
  void every_java_block_in_the_readme_compiles() throws IOException {
    Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(readme));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertFalse(blocks.isEmpty(), "the README shows code");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < blocks.size(); i++) {
      String name = "Snippet" + i;
      String source = IMPORTS + "class " + name + " { void run() throws Exception {\n"
          + blocks.get(i) + "\n} }";
      JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      StringWriter errors = new StringWriter();
      boolean ok = javac.getTask(errors, null, null, List.of("-d", out.toString(), "-classpath",
          System.getProperty("java.class.path")), null, List.of(file)).call();
      assertTrue(ok, "README block " + i + " does not compile:\n" + blocks.get(i) + "\n" + errors);
    }
  }
}
