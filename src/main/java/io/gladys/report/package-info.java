/**
 * The reports goals print, in text and JSON: the Service Health Report, status, cache statistics, publish
 * acknowledgements.
 */
package io.gladys.report;
