package io.guichet.db;

/**
 * One Flyway migration that {@link Database#migrate()} applied.
 *
 * @param version     the migration's version, for example {@code "2"}
 * @param description its description taken from the file name, for example {@code "quartz"}
 * @param script      the script's file name
 */
public record AppliedMigration(String version, String description, String script) {
}
