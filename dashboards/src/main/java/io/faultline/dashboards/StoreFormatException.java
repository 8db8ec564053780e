package io.faultline.dashboards;

/** A store file that does not follow docs/store.md; the message names the file and the place. */
public final class StoreFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreFormatException(String message) {
        super(message);
    }
}
