/** Command-line entry points: the main job that the README runs. */
package dev.hone.app;
