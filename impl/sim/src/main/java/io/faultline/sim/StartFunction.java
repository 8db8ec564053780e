package io.faultline.sim;

import io.faultline.core.runtime.Runtime;

/**
 * Builds one incarnation of a server from its {@link Runtime} (6.5840's {@code FstartServer}).
 * The runtime's storage holds a copy of what the previous incarnation had made durable; its
 * transport reaches peer j of the group through a brand-new end, disabled until the server is
 * connected. Services are registered with {@code runtime.transport().serve(...)}.
 */
@FunctionalInterface
public interface StartFunction<T> {
    T start(Runtime runtime);
}
