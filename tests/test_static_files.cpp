#include <QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "static_files.h"

using namespace wsl;
namespace fs = std::filesystem;

// What the web servers read from their site folder, and what they reject.
class StaticFilesTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void fileIsReadWhole();
    void folderServesItsIndex();
    void linkOutOfSiteIsRejected();
    void linkWithinSiteIsServed();
    void siteMadeAnewIsServed();
    void fifoIsRejectedWithoutBlocking();
    void missingFileIsNotFound();

private:
    static void write(const fs::path& path, const std::string& content) {
        std::ofstream(path, std::ios::binary) << content;
    }

    fs::path base_;
    fs::path site_;
};

void StaticFilesTest::init() {
    base_ = fs::temp_directory_path() /
            ("webstack-static-" + std::to_string(QCoreApplication::applicationPid()));
    site_ = base_ / "site";
    fs::create_directories(site_ / "docs");
}

void StaticFilesTest::cleanup() {
    fs::remove_all(base_);
}

void StaticFilesTest::fileIsReadWhole() {
    const std::string content(100000, 'x');
    write(site_ / "big.txt", content);

    const auto file = readStaticFile(site_, "/big.txt?cache=no");
    QVERIFY(file.has_value());
    QCOMPARE(file->body.size(), content.size());
    QCOMPARE(file->body, content);
    QCOMPARE(file->contentType, std::string("text/plain; charset=utf-8"));
}

void StaticFilesTest::folderServesItsIndex() {
    write(site_ / "docs" / "index.html", "<h1>docs</h1>");

    const auto file = readStaticFile(site_, "/docs/");
    QVERIFY(file.has_value());
    QCOMPARE(file->body, std::string("<h1>docs</h1>"));
}

void StaticFilesTest::linkOutOfSiteIsRejected() {
    write(base_ / "secret.txt", "secret");
    fs::create_symlink(base_ / "secret.txt", site_ / "leak.txt");

    QVERIFY(!readStaticFile(site_, "/leak.txt").has_value());
    QVERIFY(!readStaticFile(site_, "/../secret.txt").has_value());
    QVERIFY(!readStaticFile(site_, "/docs/../../secret.txt").has_value());
    QVERIFY(!readStaticFile(site_, "/%2e%2e/secret.txt").has_value());
}

void StaticFilesTest::linkWithinSiteIsServed() {
    write(site_ / "docs" / "page.html", "<p>page</p>");
    fs::create_symlink("docs/page.html", site_ / "alias.html");

    const auto file = readStaticFile(site_, "/alias.html");
    QVERIFY(file.has_value());
    QCOMPARE(file->body, std::string("<p>page</p>"));
    QCOMPARE(file->contentType, std::string("text/html; charset=utf-8"));
}

void StaticFilesTest::siteMadeAnewIsServed() {
    write(site_ / "index.html", "first");
    QCOMPARE(readStaticFile(site_, "/")->body, std::string("first"));

    // A teacher swaps the whole site folder while the engine runs.
    fs::remove_all(site_);
    fs::create_directories(site_);
    write(site_ / "index.html", "second");

    const auto file = readStaticFile(site_, "/");
    QVERIFY(file.has_value());
    QCOMPARE(file->body, std::string("second"));
}

void StaticFilesTest::fifoIsRejectedWithoutBlocking() {
    const auto fifo = site_ / "pipe.html";
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);

    // With a blocking open, this call would wait forever for a writer.
    QVERIFY(!readStaticFile(site_, "/pipe.html").has_value());
}

void StaticFilesTest::missingFileIsNotFound() {
    QVERIFY(!readStaticFile(site_, "/absent.html").has_value());
    QVERIFY(!readStaticFile(base_ / "no-site", "/index.html").has_value());
}

QTEST_GUILESS_MAIN(StaticFilesTest)
#include "test_static_files.moc"
