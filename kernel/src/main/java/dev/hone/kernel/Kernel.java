package dev.hone.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hone.kernel.comm.CommManager;
import dev.hone.kernel.display.LiveTrainingProgress;
import dev.hone.kernel.display.Notebook;
import dev.hone.kernel.display.Renderers;
import dev.hone.kernel.eval.CellError;
import dev.hone.kernel.eval.CellEvaluator;
import dev.hone.kernel.eval.CellResult;
import dev.hone.kernel.history.HistoryLog;
import dev.hone.kernel.input.FrontendInput;
import dev.hone.kernel.magic.CellParser;
import dev.hone.kernel.magic.MagicContext;
import dev.hone.kernel.magic.Magics;
import dev.hone.kernel.output.CellOutput;
import dev.hone.kernel.output.Publisher;
import dev.hone.kernel.protocol.Channel;
import dev.hone.kernel.protocol.KernelSockets;
import dev.hone.kernel.protocol.Messages;
import dev.hone.kernel.protocol.WireMessage;
import dev.hone.kernel.widgets.internal.Protocol;
import dev.hone.train.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Serves the Jupyter protocol: shell and control requests, IOPub output, and the cell thread.
 *
 * <p>Three threads matter. The shell thread reads shell requests in order and waits for each
 * cell. The control thread reads control requests (interrupt, shutdown, kernel info) even while a
 * cell runs. The cell thread runs every cell, so the interrupt knows which thread to stop, and is
 * never a socket thread: an interrupt must not land in ZeroMQ's I/O.
 */
final class Kernel {

  // An interrupt first lets code that honours it stop by itself (training ends at a batch boundary
  // with its last good weights); then the cell's own loops stop at their stop points; then, for a
  // library call that ignores interrupts, Thread.stop where the JDK still has it. Thread.stop waits
  // longer: it can land anywhere, and a cell that is winding down (training drawing its last
  // chart on a loaded machine) must not be cut off, now that cell loops stop without it.
  private static final long STOP_POINTS_AFTER_MS = 500;
  private static final long FORCE_STOP_AFTER_MS = 5_000;

  private final KernelSockets sockets;
  private final Messages messages = new Messages();
  private final Publisher publisher;
  private final CellOutput output;
  private final FrontendInput input;
  private final HistoryLog history = new HistoryLog();
  private final Magics magics = Magics.builtIn();
  private final CommManager comms;
  private final ExecutorService cellThread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hone-cell");
            t.setDaemon(true);
            return t;
          });
  private final ScheduledExecutorService stopper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hone-interrupt");
            t.setDaemon(true);
            return t;
          });
  private final CompletableFuture<CellEvaluator> evaluator = new CompletableFuture<>();
  private final AtomicLong cellNumber = new AtomicLong();
  private volatile boolean running = true;
  private int executionCount;

  Kernel(KernelSockets sockets) {
    this.sockets = sockets;
    this.publisher = new Publisher(sockets.iopub(), messages);
    this.output = new CellOutput(publisher);
    this.comms = new CommManager(publisher);
    this.input = new FrontendInput(sockets.stdin(), messages, output::sendPending);
  }

  /** Starts JShell on the cell thread; requests that need it wait until it is ready. */
  void start() {
    publisher.status(new JsonObject(), "starting");
    PrintStream jshellMessages = new PrintStream(OutputStream.nullOutputStream());
    output.install();
    input.install();
    Notebook.install(output);
    comms.install();
    Protocol.register(comms);
    Progress.setDefault(() -> new LiveTrainingProgress(output));
    cellThread.execute(
        () -> {
          try {
            CellEvaluator created = new CellEvaluator(jshellMessages);
            Startup.run(created);
            output.sendPending();
            evaluator.complete(created);
            KernelLog.info("JShell ready");
          } catch (RuntimeException | Error e) {
            KernelLog.error("JShell did not start", e);
            evaluator.completeExceptionally(e);
          }
        });
  }

  /** Serves until shutdown: control on a thread of its own, shell on the calling thread. */
  void serve() {
    Thread control = new Thread(() -> loop(sockets.control()), "hone-control");
    control.setDaemon(true);
    control.start();
    loop(sockets.shell());
  }

  /**
   * Interrupts the running cell; if it ignores that, stops it at the stop points of its loops a
   * moment later, and by force (Thread.stop, Java 17) after that.
   */
  void interrupt() {
    CellEvaluator ev = evaluator.getNow(null);
    if (ev == null) {
      return;
    }
    long cell = cellNumber.get();
    if (ev.gate().interrupt()) {
      KernelLog.info("interrupting cell " + cell);
      stopper.schedule(
          () -> {
            if (cellNumber.get() == cell && ev.gate().cellRunning()) {
              ev.gate().armStopPoints();
            }
          },
          STOP_POINTS_AFTER_MS,
          TimeUnit.MILLISECONDS);
      stopper.schedule(() -> forceStop(ev, cell, 5), FORCE_STOP_AFTER_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void forceStop(CellEvaluator ev, long cell, int triesLeft) {
    if (cellNumber.get() != cell || !ev.gate().cellRunning()) {
      return;
    }
    KernelLog.warn("cell " + cell + " ignored the interrupt; stopping it");
    ev.gate().forceStop();
    if (triesLeft > 1) {
      stopper.schedule(() -> forceStop(ev, cell, triesLeft - 1), FORCE_STOP_AFTER_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void loop(Channel channel) {
    while (running) {
      Optional<WireMessage> request;
      try {
        request = channel.receive(100);
      } catch (RuntimeException e) {
        if (running) {
          KernelLog.error("receive failed on " + channel.name(), e);
        }
        continue;
      }
      request.ifPresent(r -> handle(r, channel));
    }
  }

  private void handle(WireMessage request, Channel channel) {
    publisher.status(request.header(), "busy");
    try {
      switch (request.type()) {
        case "kernel_info_request" -> channel.send(messages.reply(request, "kernel_info_reply", KernelInfo.content()));
        case "execute_request" -> execute(request, channel);
        case "complete_request" -> channel.send(messages.reply(request, "complete_reply", complete(request)));
        case "inspect_request" -> channel.send(messages.reply(request, "inspect_reply", inspect(request)));
        case "is_complete_request" -> channel.send(messages.reply(request, "is_complete_reply", isComplete(request)));
        case "history_request" -> channel.send(messages.reply(request, "history_reply", history(request)));
        case "comm_info_request" -> channel.send(
            messages.reply(request, "comm_info_reply", comms.info(request.contentString("target_name", ""))));
        case "comm_open", "comm_msg", "comm_close" -> receiveComm(request);
        case "interrupt_request" -> {
          interrupt();
          channel.send(messages.reply(request, "interrupt_reply", ok()));
        }
        case "shutdown_request" -> shutdown(request, channel);
        default -> KernelLog.warn("ignored a " + request.type() + " on " + channel.name());
      }
    } catch (RuntimeException e) {
      KernelLog.error("failed to answer a " + request.type(), e);
    } finally {
      publisher.status(request.header(), "idle");
    }
    // After the failed request's idle status, as ipykernel orders it, so that clients waiting for
    // that idle see it before the aborted requests' own busy and idle.
    if (abortSentBefore != null && channel == sockets.shell()) {
      Instant failure = abortSentBefore;
      abortSentBefore = null;
      abortQueued(channel, failure);
    }
  }

  // ---- execute ----------------------------------------------------------------------------

  private record Outcome(CellResult result, Map<String, String> bundle, JsonObject userExpressions) {}

  private void execute(WireMessage request, Channel channel) {
    String code = request.contentString("code", "");
    boolean silent = request.contentBoolean("silent", false);
    boolean storeHistory = request.contentBoolean("store_history", true) && !silent;
    JsonElement expressions = request.content().get("user_expressions");
    JsonObject userExpressions =
        expressions != null && expressions.isJsonObject() ? expressions.getAsJsonObject() : new JsonObject();
    if (storeHistory) {
      executionCount++;
    }
    int count = executionCount;
    if (!silent) {
      JsonObject input = new JsonObject();
      input.addProperty("code", code);
      input.addProperty("execution_count", count);
      publisher.publish(request.header(), "execute_input", input);
    }
    if (storeHistory) {
      history.add(count, code);
    }
    java.util.regex.Matcher help = HELP.matcher(code);
    if (help.matches()) {
      answerHelp(request, channel, count, help.group(1));
      return;
    }
    Outcome outcome;
    input.beginCell(request);
    try {
      outcome = runOnCellThread(request.header(), code, "cell [" + count + "]", silent, userExpressions);
    } finally {
      input.endCell();
    }
    JsonObject reply = new JsonObject();
    reply.addProperty("execution_count", count);
    Optional<CellError> error = outcome.result().error();
    if (error.isPresent()) {
      JsonObject errorContent = errorContent(error.get());
      if (!silent) {
        publisher.publish(request.header(), "error", errorContent);
      }
      reply.addProperty("status", "error");
      errorContent.entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
    } else {
      if (outcome.bundle() != null && outcome.bundle().containsKey(Renderers.WIDGET_VIEW)) {
        // As ipykernel shows a widget: a display, with no Out[n] prompt beside the widget.
        publisher.publish(request.header(), "display_data", CellOutput.displayContent(outcome.bundle(), null));
      } else if (outcome.bundle() != null) {
        JsonObject result = new JsonObject();
        result.addProperty("execution_count", count);
        result.add("data", CellOutput.mimeData(outcome.bundle()));
        result.add("metadata", new JsonObject());
        publisher.publish(request.header(), "execute_result", result);
        if (storeHistory) {
          history.setOutput(count, outcome.bundle().get("text/plain"));
        }
      }
      reply.addProperty("status", "ok");
    }
    reply.add("user_expressions", outcome.userExpressions());
    reply.add("payload", new JsonArray());
    channel.send(messages.reply(request, "execute_reply", reply));
    if (channel == sockets.shell() && error.isPresent()
        && request.contentBoolean("stop_on_error", true)) {
      abortSentBefore = Instant.now();
    }
  }

  // Set by execute when a cell fails and read by handle right after, both only for the shell
  // channel (one thread serves it), so the control thread never sees or clears it.
  private Instant abortSentBefore;

  /**
   * After a failed cell, answers the execute requests that were sent before the failure (a "Run
   * All" sends them together) with status aborted, as ipykernel does, so that cells after an error
   * or an interrupt do not run on a state the user did not expect. A request sent after the
   * failure was seen, and every other kind of request, is served as usual.
   */
  private void abortQueued(Channel channel, Instant failure) {
    while (true) {
      Optional<WireMessage> next;
      try {
        next = channel.receive(0);
      } catch (RuntimeException e) {
        KernelLog.error("receive failed on " + channel.name(), e);
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      WireMessage queued = next.get();
      if (!queued.type().equals("execute_request") || !QueuedRequests.sentBefore(queued.header(), failure)) {
        handle(queued, channel);
        return;
      }
      publisher.status(queued.header(), "busy");
      try {
        JsonObject aborted = new JsonObject();
        aborted.addProperty("status", "aborted");
        aborted.addProperty("execution_count", executionCount);
        channel.send(messages.reply(queued, "execute_reply", aborted));
      } finally {
        publisher.status(queued.header(), "idle");
      }
    }
  }

  private Outcome runOnCellThread(
      JsonObject parent, String code, String cell, boolean silent, JsonObject userExpressions) {
    CellEvaluator ev;
    try {
      ev = evaluator.get(5, TimeUnit.MINUTES);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      return new Outcome(
          CellResult.failed(new CellError("KernelError", "JShell did not start: " + e, List.of(String.valueOf(e)))),
          null,
          new JsonObject());
    }
    Future<Outcome> future =
        cellThread.submit(
            () -> {
              publisher.setParent(parent);
              cellNumber.incrementAndGet();
              ev.gate().beginCell();
              try {
                CellResult result = runWithMagics(ev, code, 1, cell);
                Map<String, String> bundle = null;
                if (result.ok() && result.hasValue() && !silent) {
                  bundle = render(result.value());
                }
                JsonObject expressions = evaluateExpressions(ev, userExpressions);
                return new Outcome(result, bundle, expressions);
              } finally {
                ev.gate().endCell();
                output.sendPending();
              }
            });
    while (true) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        // The shell thread is never meant to be interrupted; keep waiting for the cell.
      } catch (ExecutionException e) {
        KernelLog.error("the cell thread failed", e.getCause());
        return new Outcome(
            CellResult.failed(new CellError("KernelError", String.valueOf(e.getCause()), List.of(String.valueOf(e.getCause())))),
            null,
            new JsonObject());
      }
    }
  }

  private CellResult runWithMagics(CellEvaluator ev, String code, int firstLine, String cell) {
    if (!CellParser.hasMagics(code)) {
      return ev.run(code, cell, firstLine);
    }
    MagicContext context =
        new MagicContext(ev, output, (body, line) -> runWithMagics(ev, body, line, cell), cell);
    CellResult last = CellResult.empty();
    for (CellParser.Step step : CellParser.parse(code, firstLine)) {
      if (ev.gate().interruptRequested()) {
        return CellResult.failed(new CellError("Interrupted", "the cell was interrupted", List.of("Interrupted")));
      }
      if (step instanceof CellParser.JavaCode java) {
        last = ev.run(java.code(), cell, java.line());
      } else if (step instanceof CellParser.LineMagicCall magic) {
        last = magics.runLine(magic.name(), magic.args(), magic.line(), context);
      } else if (step instanceof CellParser.CellMagicCall magic) {
        last = magics.runCell(magic.name(), magic.args(), magic.body(), magic.bodyLine(), context);
      }
      if (!last.ok()) {
        return last;
      }
    }
    return last;
  }

  private static Map<String, String> render(Object value) {
    try {
      return Renderers.render(value);
    } catch (RuntimeException e) {
      KernelLog.error("rendering a " + value.getClass().getName() + " failed", e);
      Map<String, String> fallback = new LinkedHashMap<>();
      fallback.put("text/plain", String.valueOf(value));
      return fallback;
    }
  }

  private JsonObject evaluateExpressions(CellEvaluator ev, JsonObject expressions) {
    JsonObject results = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : expressions.entrySet()) {
      CellResult result = ev.evaluateExpression(entry.getValue().getAsString());
      JsonObject value;
      if (result.ok()) {
        value = new JsonObject();
        value.addProperty("status", "ok");
        value.add("data", CellOutput.mimeData(render(result.value())));
        value.add("metadata", new JsonObject());
      } else {
        value = errorContent(result.error().get());
        value.addProperty("status", "error");
      }
      results.add(entry.getKey(), value);
    }
    return results;
  }

  private static JsonObject errorContent(CellError error) {
    JsonObject content = new JsonObject();
    content.addProperty("ename", error.ename());
    content.addProperty("evalue", error.evalue());
    JsonArray traceback = new JsonArray();
    error.traceback().forEach(traceback::add);
    content.add("traceback", traceback);
    return content;
  }

  // ---- complete, inspect, is_complete -------------------------------------------------------

  private CellEvaluator readyEvaluator() {
    try {
      return evaluator.get(5, TimeUnit.MINUTES);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("JShell is not available", e);
    }
  }

  private JsonObject complete(WireMessage request) {
    String code = request.contentString("code", "");
    int cursor = CodePoints.toIndex(code, request.contentInt("cursor_pos", code.codePointCount(0, code.length())));
    JsonArray matches = new JsonArray();
    int start = cursor;
    int lineStart = code.lastIndexOf('\n', Math.max(cursor - 1, 0)) + 1;
    String line = code.substring(lineStart, cursor);
    if (line.stripLeading().startsWith("%")) {
      String typed = line.strip();
      boolean cellMagic = typed.startsWith("%%");
      String prefix = typed.substring(cellMagic ? 2 : 1);
      for (String name : cellMagic ? magics.cellNames() : magics.lineNames()) {
        if (name.startsWith(prefix)) {
          matches.add((cellMagic ? "%%" : "%") + name);
        }
      }
      start = lineStart + (line.length() - line.stripLeading().length());
    } else {
      CellEvaluator.Completions completions = readyEvaluator().complete(code, cursor);
      completions.matches().forEach(matches::add);
      start = completions.start();
    }
    JsonObject content = ok();
    content.add("matches", matches);
    content.addProperty("cursor_start", code.codePointCount(0, start));
    content.addProperty("cursor_end", code.codePointCount(0, cursor));
    content.add("metadata", new JsonObject());
    return content;
  }

  /** {@code Model.mlp?} on a line of its own asks for help, as in IPython. */
  private static final java.util.regex.Pattern HELP =
      java.util.regex.Pattern.compile("\\s*([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*\\?\\s*");

  /** Answers a help request with the signature and javadoc in the pager (a "page" payload). */
  private void answerHelp(WireMessage request, Channel channel, int count, String name) {
    JsonObject found = inspect(name, name.length());
    JsonObject reply = new JsonObject();
    reply.addProperty("execution_count", count);
    JsonArray payload = new JsonArray();
    if (found.get("found").getAsBoolean()) {
      JsonObject page = new JsonObject();
      page.addProperty("source", "page");
      page.add("data", found.get("data"));
      page.addProperty("start", 0);
      payload.add(page);
      reply.addProperty("status", "ok");
      reply.add("user_expressions", new JsonObject());
    } else {
      JsonObject error = errorContent(new CellError("NoDocumentation",
          "no signature or documentation found for '" + name + "'",
          List.of("NoDocumentation: no signature or documentation found for '" + name + "'")));
      publisher.publish(request.header(), "error", error);
      reply.addProperty("status", "error");
      error.entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
    }
    reply.add("payload", payload);
    channel.send(messages.reply(request, "execute_reply", reply));
  }

  private JsonObject inspect(WireMessage request) {
    String code = request.contentString("code", "");
    int cursor = CodePoints.toIndex(code, request.contentInt("cursor_pos", code.codePointCount(0, code.length())));
    return inspect(code, cursor);
  }

  private JsonObject inspect(String code, int cursor) {
    List<SourceCodeAnalysis.Documentation> docs = readyEvaluator().documentation(code, cursor);
    JsonObject content = ok();
    JsonObject data = new JsonObject();
    if (!docs.isEmpty()) {
      StringBuilder text = new StringBuilder();
      for (SourceCodeAnalysis.Documentation doc : docs) {
        String javadoc = doc.javadoc() != null ? doc.javadoc() : HoneSources.javadoc(doc.signature()).orElse(null);
        text.append(doc.signature()).append('\n');
        if (javadoc != null && !javadoc.isBlank()) {
          text.append(javadoc.strip()).append("\n");
        }
        text.append('\n');
      }
      data.addProperty("text/plain", text.toString().strip());
    }
    content.addProperty("found", !docs.isEmpty());
    content.add("data", data);
    content.add("metadata", new JsonObject());
    return content;
  }

  private JsonObject isComplete(WireMessage request) {
    String code = request.contentString("code", "");
    String status;
    if (code.stripLeading().startsWith("%%")) {
      status = "complete";
    } else {
      String java =
          String.join("\n", code.lines().filter(l -> !l.stripLeading().startsWith("%")).toList());
      status = readyEvaluator().isComplete(java);
    }
    JsonObject content = new JsonObject();
    content.addProperty("status", status);
    if (status.equals("incomplete")) {
      content.addProperty("indent", "    ");
    }
    return content;
  }

  // ---- history, comms, shutdown -------------------------------------------------------------

  private JsonObject history(WireMessage request) {
    boolean withOutput = request.contentBoolean("output", false);
    List<HistoryLog.Entry> entries =
        switch (request.contentString("hist_access_type", "tail")) {
          case "range" -> history.range(
              request.contentInt("session", 0), request.contentInt("start", 0), request.contentInt("stop", 0));
          case "search" -> history.search(
              request.contentString("pattern", "*"), request.contentInt("n", 0), request.contentBoolean("unique", false));
          default -> history.tail(request.contentInt("n", 10));
        };
    JsonArray list = new JsonArray();
    for (HistoryLog.Entry e : entries) {
      JsonArray item = new JsonArray();
      item.add(HistoryLog.SESSION);
      item.add(e.line());
      if (withOutput) {
        JsonArray io = new JsonArray();
        io.add(e.input());
        io.add(e.output());
        item.add(io);
      } else {
        item.add(e.input());
      }
      list.add(item);
    }
    JsonObject content = ok();
    content.add("history", list);
    return content;
  }

  /**
   * Hands a comm message to its comm on the cell thread, as the request being served, so that a
   * widget's observer never runs during a cell, sees the cells' variables, and prints to the
   * widget's cell. Output of threads a cell started still goes to that cell afterwards.
   */
  private void receiveComm(WireMessage request) {
    Future<?> done =
        cellThread.submit(
            () -> {
              JsonObject previous = publisher.parent();
              publisher.setParent(request.header());
              // An observer is user code: the stop button interrupts it as it does a cell.
              CellEvaluator ev = evaluator.getNow(null);
              if (ev != null) {
                cellNumber.incrementAndGet();
                ev.gate().beginCell();
                ev.gate().enterUserCode();
              }
              try {
                comms.receive(request.type(), request.content());
              } catch (RuntimeException e) {
                KernelLog.error("a " + request.type() + " handler failed", e);
                e.printStackTrace();
              } finally {
                if (ev != null) {
                  ev.gate().leaveUserCode();
                  ev.gate().endCell();
                }
                output.sendPending();
                publisher.setParent(previous);
              }
            });
    while (true) {
      try {
        done.get();
        return;
      } catch (InterruptedException e) {
        // The shell thread is never meant to be interrupted; keep waiting.
      } catch (ExecutionException e) {
        KernelLog.error("the cell thread failed", e.getCause());
        return;
      }
    }
  }

  private void shutdown(WireMessage request, Channel channel) {
    boolean restart = request.contentBoolean("restart", false);
    JsonObject content = ok();
    content.addProperty("restart", restart);
    channel.send(messages.reply(request, "shutdown_reply", content));
    KernelLog.info("shutdown requested" + (restart ? " (restart)" : ""));
    interrupt();
    running = false;
    Thread exit =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              output.sendPending();
              Runtime.getRuntime().halt(0);
            },
            "hone-exit");
    exit.start();
  }

  private static JsonObject ok() {
    JsonObject content = new JsonObject();
    content.addProperty("status", "ok");
    return content;
  }
}
