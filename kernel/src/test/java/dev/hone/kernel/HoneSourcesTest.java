package dev.hone.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HoneSourcesTest {

  @Test
  void the_javadoc_of_a_hone_method_is_found_from_a_simple_signature() {
    String doc = HoneSources.javadoc("MlpSpec Model.mlp(int... widths)").orElseThrow();
    assertTrue(doc.contains("@param") || doc.length() > 20, doc);
  }

  @Test
  void the_doc_comment_right_before_a_declaration_is_taken() {
    String source = "/** First. */ void a() {}\n/** Second. */\n@Deprecated public int b(int x) { return x; }";
    assertTrue(HoneSources.docBefore(source, "b", false).orElseThrow().contains("Second"));
  }

  @Test
  void a_signature_outside_hone_has_no_hone_javadoc() {
    assertTrue(HoneSources.javadoc("int Math.max(int a, int b)").isEmpty());
  }
}
