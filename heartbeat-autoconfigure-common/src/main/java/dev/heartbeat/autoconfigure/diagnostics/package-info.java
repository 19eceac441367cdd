/**
 * Failure analyzers that explain why a heartbeat stopped the application from starting,
 * and how to fix it.
 */
@NullMarked
package dev.heartbeat.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
