/**
 * The core of the {@code sync-check} goal, free of the Maven API: is the environment in sync?
 *
 * <p>A caller builds {@link io.gladys.sync.SyncOptions} with {@link io.gladys.sync.SyncOptions#builder}, runs
 * {@link io.gladys.sync.SyncCheck#run()}, prints {@link io.gladys.sync.SyncReport#text()} (or
 * {@link io.gladys.sync.SyncReport#json()}) and fails when {@link io.gladys.sync.SyncReport#drift()} is true.
 * {@link io.gladys.sync.SyncException} means the check could not run at all (no canonical proto directory).
 *
 * <ul>
 *   <li>{@link io.gladys.sync.ProtoCopies}: copies of the canonical protos, compared by content;</li>
 *   <li>{@link io.gladys.sync.StubCheck}: generated stubs, compared by the meaning of their embedded
 *       descriptor (protoc compiles the canonical protos once);</li>
 *   <li>{@link io.gladys.sync.MigrationCheck}: migration files against each environment's history;</li>
 *   <li>{@link io.gladys.sync.ImageFreshness}: Compose images against their build contexts, with the
 *       engine behind {@link io.gladys.sync.DockerImages}.</li>
 * </ul>
 */
package io.gladys.sync;
