package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium clicks through the web page: three duels answered (left, right, tie),
 * the round counter following, then one personalized answer. Needs the Debian packages chromium and
 * chromium-driver (.ci/run installs them); without them the test fails rather than skips.
 */
class BrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    @TempDir
    Path dir;

    @Test
    void threeRoundsAndAPersonalizedAnswerInTheBrowser() {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            fail("headless Chromium missing: apt-get install -y chromium chromium-driver (as .ci/run does)");
        }
        try (TpopServer server = TestServers.start(dir)) {
            Http admin = new Http(server.port(), TestServers.ADMIN_KEY);
            String key = admin.createUser("frank");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
            WebDriver browser = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
                browser.get("http://127.0.0.1:" + server.port() + "/");
                browser.findElement(By.id("apiKey")).sendKeys(key);
                WebElement maxTokens = browser.findElement(By.id("maxTokens"));
                maxTokens.clear();
                maxTokens.sendKeys("6");
                String[] picks = {"pickA", "pickB", "tie"};
                for (int round = 1; round <= 3; round++) {
                    WebElement q = browser.findElement(By.id("question"));
                    q.clear();
                    q.sendKeys("Name something blue, please (" + round + ").");
                    browser.findElement(By.id("ask")).click();
                    wait.until(d -> d.findElement(By.id("duel")).isDisplayed() && !d.findElement(By.id("answerA")).getText().isBlank());
                    assertFalse(browser.findElement(By.id("answerB")).getText().isBlank(), "both answers are shown side by side");
                    browser.findElement(By.id(picks[round - 1])).click();
                    String expected = String.valueOf(round);
                    wait.until(d -> d.findElement(By.id("rounds")).getText().equals(expected));
                }
                assertEquals(3, admin.get("/v1/tpop/users/frank").json().get("rounds").asInt(), "the server saw three rounds");

                browser.findElement(By.id("personalized")).click();
                browser.findElement(By.id("ask")).click();
                wait.until(d -> d.findElement(By.id("single")).isDisplayed() && !d.findElement(By.id("single")).getText().isBlank());
                assertFalse(browser.findElement(By.id("duel")).isDisplayed(), "personalized mode shows one answer");
            } finally {
                browser.quit();
            }
        }
    }
}
