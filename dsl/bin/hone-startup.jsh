// Hone's jshell startup: the DSL's packages, imported once.
import dev.hone.data.*;
import dev.hone.data.table.*;
import dev.hone.data.augment.*;
import dev.hone.data.filter.*;
import dev.hone.model.*;
import dev.hone.train.*;
import dev.hone.bench.*;
import dev.hone.layer.*;
import dev.hone.compress.*;
import dev.hone.provenance.*;
import dev.hone.runtime.*;
import dev.hone.quant.*;
import dev.hone.optimize.*;
import dev.hone.export.*;
import dev.hone.display.*;
// Speed: batch-size search, model and algorithm parallelism (issue 9).
import dev.hone.tune.*;
import dev.hone.parallel.*;
import static dev.hone.quant.Precision.*;
import java.nio.file.*;
import tech.tablesaw.api.Table;
import java.time.*;
// Training prints one line per epoch; a script may install its own listener instead.
Progress.setDefault(() -> new TerminalProgressBar(System.out, false));
