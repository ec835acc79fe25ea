package dev.hone.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hone.kernel.protocol.Messages;

/** The kernel_info_reply: who this kernel is and what language it speaks. */
final class KernelInfo {

  static final String VERSION = "0.1.0";

  private KernelInfo() {}

  static JsonObject content() {
    JsonObject language = new JsonObject();
    language.addProperty("name", "java");
    language.addProperty("version", Runtime.version().toString());
    language.addProperty("mimetype", "text/x-java-source");
    language.addProperty("file_extension", ".jsh");
    language.addProperty("pygments_lexer", "java");
    language.addProperty("codemirror_mode", "text/x-java");
    language.addProperty("nbconvert_exporter", "script");
    JsonObject link = new JsonObject();
    link.addProperty("text", "Hone kernel");
    link.addProperty("url", "https://github.com/hone-dev/hone/tree/main/kernel");
    JsonArray links = new JsonArray();
    links.add(link);
    JsonObject content = new JsonObject();
    content.addProperty("status", "ok");
    content.addProperty("protocol_version", Messages.PROTOCOL_VERSION);
    content.addProperty("implementation", "hone");
    content.addProperty("implementation_version", VERSION);
    content.add("language_info", language);
    content.addProperty(
        "banner",
        "Hone " + VERSION + " on Java " + Runtime.version().feature()
            + " (JShell). Hone, Tablesaw and XChart are imported; %lsmagic lists the magics.");
    content.add("help_links", links);
    return content;
  }
}
