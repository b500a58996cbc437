package io.guichet.app.web;

import io.guichet.core.desk.StaffCommand;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customers' pages in a real browser: the Debian chromium and chromium-driver packages (installed by
 * {@code .ci/run} when missing), driven headless by Selenium, JavaScript off as the pages need none. One browser for
 * the class; each test its own database and links.
 */
class TicketPageBrowserIT extends WebPagesFixture {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver browser;

    @BeforeAll
    static void browser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "the chromium and chromium-driver packages are installed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--blink-settings=scriptEnabled=false");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // a click that submits a form does not wait for the next page: an element of that page is looked for until
        // it is there (no test here looks for an element's absence)
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("R7: the ticket's page from the mail's link shows the ticket, its fields, the answers and the server accesses; the language switch works")
    void ticketPage() {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline <after> the upgrade.");
        core.desks().staffDesk().handle(new StaffCommand.RecordServerAccess(ALICE, ticket.number(), "read the agent logs"));
        browser.get(lastLink(BOB));

        assertThat(browser.getTitle()).isEqualTo("Ticket " + ticket.number());
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Open, in the queue");
        assertThat(browser.findElement(By.id("severity")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("fields")).getText()).contains("All agents went offline <after> the upgrade.");
        assertThat(browser.findElement(By.id("accesses")).getText()).contains("Alice Martin", "read the agent logs");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("registered as ticket " + ticket.number());

        browser.findElement(By.linkText("Français")).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Ouvert, dans la file");
        assertThat(browser.findElement(By.id("accesses")).getText()).contains("Accès à votre serveur");
    }

    @Test
    @DisplayName("a reply written on the page reaches the ticket as the customer's message and shows on the page")
    void replyFromThePage() {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        core.desks().staffDesk().handle(new StaffCommand.Claim(ALICE, ticket.number(), false));
        core.desks().staffDesk().handle(new StaffCommand.Ask(ALICE, ticket.number(), "Which agent version?"));
        browser.get(lastLink(BOB));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Waiting for your answer");

        browser.findElement(By.id("text")).sendKeys("Version 4.2.1 on every host.");
        browser.findElement(By.id("send")).click();

        assertThat(browser.findElement(By.id("notice")).getText()).contains("Your message was received");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("In progress");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Version 4.2.1 on every host.");
        assertThat(events(ticket)).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.CUSTOMER_MESSAGE));
    }

    @Test
    @DisplayName("R19: the knowledge base's search page finds an article and opens it, in French too")
    void knowledgeBaseSearch() {
        core.desks().knowledge().save(ALICE, java.util.List.of(
                new io.guichet.core.kb.Article("console-slow", "The console is slow", io.guichet.core.account.Language.EN,
                        "Clear the browser cache."),
                new io.guichet.core.kb.Article("console-lente", "La console est lente", io.guichet.core.account.Language.FR,
                        "Videz le cache du navigateur.")));
        browser.get(core.pageLinks().orElseThrow().base() + "/kb");
        browser.findElement(By.id("q")).sendKeys("slow console");
        browser.findElement(By.id("search")).click();
        browser.findElement(By.linkText("The console is slow")).click();
        assertThat(browser.findElement(By.id("body")).getText()).isEqualTo("Clear the browser cache.");

        browser.get(core.pageLinks().orElseThrow().base() + "/kb?lang=fr");
        browser.findElement(By.id("q")).sendKeys("console lente");
        browser.findElement(By.id("search")).click();
        browser.findElement(By.linkText("La console est lente")).click();
        assertThat(browser.findElement(By.id("body")).getText()).isEqualTo("Videz le cache du navigateur.");
    }

    @Test
    @DisplayName("refused in the browser alike: another account's ticket, an expired link, an altered link")
    void refusals() {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        String link = lastLink(BOB);
        String base = link.substring(0, link.indexOf("/t/"));
        var links = core.pageLinks().orElseThrow().tickets();

        browser.get(base + "/t/" + links.token(ticket.number(), globex.id(), EVE));
        String otherAccount = browser.findElement(By.tagName("main")).getText();
        browser.get(link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA"));
        String altered = browser.findElement(By.tagName("main")).getText();
        clock.advance(Duration.ofDays(31));
        browser.get(link);
        String expired = browser.findElement(By.tagName("main")).getText();

        assertThat(otherAccount).contains("Link not valid", "Lien non valable").doesNotContain("Agents offline");
        assertThat(altered).isEqualTo(otherAccount);
        assertThat(expired).isEqualTo(otherAccount);
    }
}
