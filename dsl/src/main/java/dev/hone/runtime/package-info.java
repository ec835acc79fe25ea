/** Where models run: the engine bridge (DJL), and Hone's own heap kernels for sparse models. */
package dev.hone.runtime;
