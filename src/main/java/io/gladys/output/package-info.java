/**
 * Where a goal's data goes, in which format: standard output as it is ({@link io.gladys.output.StdoutSink},
 * past whatever Maven puts in place of System.out), or a file that appears whole or not at all
 * ({@link io.gladys.output.AtomicFile}), behind {@link io.gladys.output.DataSink}.
 */
package io.gladys.output;
