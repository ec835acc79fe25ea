/** How models, configs and rows travel to executors, and the per-partition work. */
package dev.hone.spark.internal;
