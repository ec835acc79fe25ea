// Hone kernel startup: imports every cell sees. Each line runs on its own; every one must compile
// (StartupTest checks it), and one that fails is logged as a warning.
import java.util.*;
import java.util.function.*;
import java.util.stream.*;
import java.io.*;
import java.nio.file.*;
import java.time.*;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
import dev.hone.data.*;
import dev.hone.data.table.*;
import dev.hone.data.augment.*;
import dev.hone.data.filter.*;
import dev.hone.model.*;
import dev.hone.train.*;
import dev.hone.layer.*;
import dev.hone.provenance.*;
import dev.hone.compress.*;
import dev.hone.bench.*;
import dev.hone.export.*;
import dev.hone.runtime.*;
import dev.hone.quant.*;
import dev.hone.optimize.*;
import dev.hone.tune.*;
import dev.hone.parallel.*;
import static dev.hone.quant.Precision.*;
import dev.hone.display.*;
import dev.hone.kernel.display.Renderers;
import static dev.hone.kernel.display.Notebook.*;
// Interactive widgets: Widgets.intSlider(...), Widgets.output(), ...
import dev.hone.kernel.widgets.*;
