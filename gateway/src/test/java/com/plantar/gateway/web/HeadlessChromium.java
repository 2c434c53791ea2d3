package com.plantar.gateway.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver. Both paths are given, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. {@code --no-sandbox}
 * because CI runs as root. Downloads land in {@code downloads}; screenshots in {@code screenshots}.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path downloads;
  private final Path screenshots;

  HeadlessChromium(Path downloads, Path screenshots) throws IOException {
    this.downloads = Files.createDirectories(downloads);
    this.screenshots = Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,1000", "--hide-scrollbars", "--lang=en-GB");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toAbsolutePath().toString(),
        "download.prompt_for_download", false,
        "intl.accept_languages", "en-GB"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits (up to 20 s) until an element matching the CSS selector is visible, and returns it. */
  WebElement waitFor(String css) {
    // A look-up that runs while the page navigates (e.g. right after signing in) fails with
    // "aborted by navigation"; that is not an answer, so keep polling: a real miss still ends in a
    // TimeoutException carrying the last failure.
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(WebDriverException.class)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Saves the whole page (resized to its content height) as {@code name}.png. */
  Path screenshot(String name) throws IOException {
    Number height = (Number) script("return Math.max(document.body.scrollHeight, 600);");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, Math.min(3000, height.intValue() + 40)));
    Path file = screenshots.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    return file;
  }

  /** Saves one element (scrolled into view) as {@code name}.png. */
  Path screenshotOf(String css, String name) throws IOException {
    WebElement element = driver.findElement(By.cssSelector(css));
    script("arguments[0].scrollIntoView();", element);
    Path file = screenshots.resolve(name + ".png");
    Files.write(file, element.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  Path downloads() {
    return downloads;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
