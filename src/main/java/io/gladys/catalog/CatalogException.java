package io.gladys.catalog;

/** Bad catalog input: an unknown name, an invalid definition, a dependency cycle. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }
}
