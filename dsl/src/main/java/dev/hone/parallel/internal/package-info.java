/** How the pipeline runs: stages on their own threads, and the micro-batch schedule. */
package dev.hone.parallel.internal;
