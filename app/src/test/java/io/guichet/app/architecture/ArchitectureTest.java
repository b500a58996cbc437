package io.guichet.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code, kept by the build: dependencies point inward, frameworks stay at the edge. Runs in
 * {@code app} because only it sees every module.
 */
class ArchitectureTest {

    private static JavaClasses guichet;

    @BeforeAll
    static void importClasses() {
        guichet = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("io.guichet");
    }

    @Test
    @DisplayName("the import sees every module, so the rules below have something to check")
    void importSeesEveryModule() {
        assertThat(guichet.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("core", "db", "mail", "discord", "web", "app");
    }

    @Test
    @DisplayName("the core depends on the JDK (its HMAC included, for the page links) and slf4j-api only")
    void coreHasNoFramework() {
        ArchRule rule = classes().that().resideInAPackage("io.guichet.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.guichet.core..", "java..", "javax.crypto..", "org.slf4j..");
        rule.check(guichet);
    }

    @Test
    @DisplayName("the generated jOOQ code is used only inside db")
    void jooqCodeStaysInDb() {
        noClasses().that().resideOutsideOfPackage("io.guichet.db..")
                .should().dependOnClassesThat().resideInAPackage("io.guichet.db.jooq..")
                .check(guichet);
        noClasses().that().resideOutsideOfPackage("io.guichet.db..")
                .should().dependOnClassesThat().resideInAPackage("org.jooq..")
                .check(guichet);
    }

    @Test
    @DisplayName("adapters do not depend on each other, and the core on none of them")
    void adaptersAreIndependent() {
        noClasses().that().resideInAPackage("io.guichet.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("io.guichet.discord..", "io.guichet.db..", "io.guichet.app..")
                .check(guichet);
        noClasses().that().resideInAPackage("io.guichet.discord..")
                .should().dependOnClassesThat().resideInAnyPackage("io.guichet.mail..", "io.guichet.db..", "io.guichet.app..")
                .check(guichet);
        noClasses().that().resideInAPackage("io.guichet.db..")
                .should().dependOnClassesThat().resideInAnyPackage("io.guichet.mail..", "io.guichet.discord..", "io.guichet.app..")
                .check(guichet);
    }

    @Test
    @DisplayName("framework types stay in their adapter: Jakarta Mail in mail (and the demo's mail client), JDA in discord, Quartz and picocli in app")
    void frameworksStayAtTheEdge() {
        noClasses().that().resideOutsideOfPackages("io.guichet.mail..", "io.guichet.app.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..",
                        "com.icegreen..")
                .check(guichet);
        noClasses().that().resideOutsideOfPackage("io.guichet.discord..")
                .should().dependOnClassesThat().resideInAPackage("net.dv8tion..")
                .check(guichet);
        noClasses().that().resideOutsideOfPackage("io.guichet.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.quartz..", "picocli..")
                .check(guichet);
    }

    /** The stores and the desk's context: only the core's desks, db (which implements them) and the wiring see them. */
    private static final Class<?>[] STORES = {
            io.guichet.core.desk.DeskContext.class, io.guichet.core.desk.DeskPorts.class, io.guichet.core.port.TicketStore.class,
            io.guichet.core.port.ContactDirectory.class, io.guichet.core.port.VersionCatalog.class,
            io.guichet.core.port.StaffOutbox.class, io.guichet.core.port.AuditLog.class,
            io.guichet.core.port.NoticeLog.class, io.guichet.core.port.VersionsInUse.class,
            io.guichet.core.deadline.DeadlineStore.class, io.guichet.core.kb.KnowledgeBase.class};

    @Test
    @DisplayName("the desks are the core's only face: Discord and the command line never see a store or the desk context")
    void desksAreTheOnlyWayIn() {
        noClasses().that().resideInAnyPackage("io.guichet.discord..", "io.guichet.app.cli..")
                .should().dependOnClassesThat().belongToAnyOf(STORES)
                .orShould().dependOnClassesThat().belongToAnyOf(io.guichet.core.port.Transactions.class)
                .check(guichet);
        noClasses().that().resideInAnyPackage("io.guichet.app.cli..")
                .should().dependOnClassesThat().haveNameMatching("io\\.guichet\\.db\\.Jooq.*")
                .check(guichet);
    }

    @Test
    @DisplayName("the customers' web pages reach the core through the desks only, and depend on no other adapter")
    void webUsesTheDesksOnly() {
        noClasses().that().resideInAPackage("io.guichet.web..")
                .should().dependOnClassesThat().belongToAnyOf(STORES)
                .orShould().dependOnClassesThat().belongToAnyOf(io.guichet.core.port.Transactions.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.guichet.core.port..", "io.guichet.db..",
                        "io.guichet.mail..", "io.guichet.discord..", "io.guichet.app..")
                .check(guichet);
        noClasses().that().resideInAnyPackage("io.guichet.mail..", "io.guichet.discord..", "io.guichet.db..")
                .should().dependOnClassesThat().resideInAPackage("io.guichet.web..")
                .check(guichet);
    }

    @Test
    @DisplayName("mail reaches the core through the desks and its own records; it opens the transaction of a mail itself")
    void mailUsesDesksAndItsOwnRecords() {
        noClasses().that().resideInAPackage("io.guichet.mail..")
                .should().dependOnClassesThat().belongToAnyOf(STORES)
                .check(guichet);
    }

    @Test
    @DisplayName("no ThreadLocal in main code, the transactions included: what a step needs, its transaction too, is passed to it")
    void noThreadLocals() {
        noClasses().should().dependOnClassesThat().areAssignableTo(ThreadLocal.class).check(guichet);
    }

    @Test
    @DisplayName("the Discord stand-in is for tests and the demo: no production class uses it")
    void discordStandInOnlyInTheDemo() {
        noClasses().that().resideOutsideOfPackages("io.guichet.app.demo..", "io.guichet.discord.standin..")
                .should().dependOnClassesThat().resideInAPackage("io.guichet.discord.standin..")
                .check(guichet);
        assertThat(guichet.containPackage("io.guichet.discord.standin")).isTrue();
    }

    @Test
    @DisplayName("no util or common packages")
    void noJunkDrawers() {
        noClasses().should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..")
                .check(guichet);
    }

    @Test
    @DisplayName("only the command line writes to standard output or error")
    void noSystemOutOutsideCli() {
        noClasses().that().resideOutsideOfPackage("io.guichet.app.cli..")
                .and().doNotHaveFullyQualifiedName("io.guichet.app.GuichetCli")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(guichet);
    }
}
