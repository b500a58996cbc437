package io.guichet.core.port;

import io.guichet.core.account.AccountId;

import java.util.List;

/** Which product versions the accounts have tickets on (R20 end-of-support notices). */
public interface VersionsInUse {

    /** One account and a version text as its tickets gave it (e.g. {@code VSA 9.5.0.12}). */
    record Use(AccountId account, String version) {
    }

    /** Every distinct account and version text found on tickets. */
    List<Use> list();
}
