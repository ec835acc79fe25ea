// hone-spark's jshell startup, after Hone's own: the Spark integration and the session type.
import dev.hone.spark.*;
import org.apache.spark.sql.SparkSession;
