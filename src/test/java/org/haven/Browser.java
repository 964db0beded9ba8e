package org.haven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) driven by Selenium. It never
 * downloads a browser: without /usr/bin/chromium the test fails and says how to install it.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final String base;
    private final Path profile;

    public Browser(int port) {
        this(port, true);
    }

    /** A phone whose browser runs no page scripts, as the public form must work for. */
    public static Browser withoutJavaScript(int port) {
        return new Browser(port, false);
    }

    private Browser(int port, boolean javascript) {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException(
                    "Browser tests need Chromium: run 'sudo apt-get install chromium chromium-driver' (./haven test does it as root).");
        }
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of(
                        "XDG_CACHE_HOME", profile.resolve("cache").toString(),
                        "XDG_CONFIG_HOME", profile.resolve("config").toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=390,844",
                "--lang=en-US",
                "--user-data-dir=" + profile.resolve("data"));
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A small phone: 360 CSS pixels wide, as UX.md asks every screen to work at.
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
        base = "http://localhost:" + port;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Waits up to 20 s until the browser shows {@code path} (a form posted or a link followed). */
    public void waitForPath(String path) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver(), java.time.Duration.ofSeconds(20))
                    .until(d -> path().replaceAll("#.*", "").equals(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected " + path + " but the browser is at " + path(), e);
        }
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks and waits until the next page has replaced this one and finished loading. */
    public void submit(String css) {
        driver.executeScript("window.havenOldPage = true;");
        find(css).click();
        awaitNextPage();
    }

    /** Presses Enter on the control, as a person using the keyboard does, and waits for the next page. */
    public void press(String css) {
        driver.executeScript("window.havenOldPage = true;");
        find(css).sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitNextPage();
    }

    private void awaitNextPage() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                Object loaded = driver.executeScript(
                        "return window.havenOldPage === undefined && document.readyState === 'complete';");
                return Boolean.TRUE.equals(loaded);
            } catch (org.openqa.selenium.WebDriverException navigating) {
                return false;
            }
        });
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String pageText() {
        return find("body").getText();
    }

    /**
     * What keeps this page from working on a phone or with assistive technology: horizontal scrolling
     * at the window's width, or form controls without a label.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<String> usabilityProblems() {
        return (java.util.List<String>) driver.executeScript("""
                const problems = [];
                const width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth > width) {
                  problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
                }
                for (const control of document.querySelectorAll('input, select, textarea')) {
                  if (control.type === 'hidden' || control.type === 'submit') continue;
                  if (control.labels.length === 0 && !control.getAttribute('aria-label')) {
                    problems.push('no label: ' + (control.id || control.name));
                  }
                }
                return problems;
                """);
    }

    /** Saves a picture of the page under target/screenshots, for people reviewing the UI. */
    public void screenshot(String name) {
        try {
            Path directory = Path.of("target", "screenshots");
            Files.createDirectories(directory);
            byte[] png = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(directory.resolve(name.replaceAll("[^A-Za-z0-9-]+", "_") + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void forgetSession() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
