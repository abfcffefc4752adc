/**
 * The service catalog: what a stack's services are ({@link io.gladys.catalog.ServiceDefinition}: ports per
 * environment, launch, Compose service, dependencies, health), how names resolve (all, groups, aliases,
 * comma lists) and the dependency order ({@link io.gladys.catalog.Catalog}), and where entries come from
 * (built-in catalog files, the project's catalog file, the pom: {@link io.gladys.catalog.CatalogSources}).
 * Knows nothing of how services run.
 */
package io.gladys.catalog;
