#include "byte_format.h"

#include <QStringDecoder>
#include <algorithm>

namespace wsl::byte_format {

namespace {

constexpr int kHexDumpBytesPerLine = 16;
constexpr int kHexDumpGroup = 8;  // an extra space after 8 bytes helps count columns

bool isPrintableAscii(char byte) {
    return byte >= 0x20 && byte < 0x7F;
}

// Returns the number of bytes at the end of `bytes` that start a UTF-8 sequence but lack its
// continuation bytes, from 0 to 3.
int incompleteUtf8Tail(const QByteArray& bytes) {
    const auto size = static_cast<int>(bytes.size());
    for (int back = 1; back <= 3 && back <= size; ++back) {
        const auto byte = static_cast<unsigned char>(bytes.at(size - back));
        if ((byte & 0xC0) == 0x80) {
            continue;  // a continuation byte: keep looking for the lead byte
        }
        int needed = 1;
        if ((byte & 0xE0) == 0xC0) {
            needed = 2;
        } else if ((byte & 0xF0) == 0xE0) {
            needed = 3;
        } else if ((byte & 0xF8) == 0xF0) {
            needed = 4;
        }
        return needed > back ? back : 0;
    }
    return 0;
}

}  // namespace

QString decodeUtf8(const QByteArray& bytes) {
    const QByteArray complete = bytes.chopped(incompleteUtf8Tail(bytes));
    return QString::fromUtf8(complete);
}

bool isPrintableUtf8(const QByteArray& bytes) {
    const QByteArray complete = bytes.chopped(incompleteUtf8Tail(bytes));
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(complete);
    if (decoder.hasError()) {
        return false;
    }
    return std::none_of(text.begin(), text.end(), [](QChar c) {
        const bool allowedControl =
            c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r');
        return !allowedControl && (c.category() == QChar::Other_Control);
    });
}

QString escapedText(const QByteArray& bytes) {
    QString text;
    text.reserve(bytes.size() + bytes.size() / 8);
    for (const char byte : bytes) {
        switch (byte) {
            case '\n':
                text += QStringLiteral("\\n\n");
                break;
            case '\r':
                text += QStringLiteral("\\r");
                break;
            case '\t':
                text += QStringLiteral("\\t");
                break;
            case '\\':
                text += QStringLiteral("\\\\");
                break;
            default:
                if (isPrintableAscii(byte)) {
                    text += QLatin1Char(byte);
                } else {
                    text += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(byte), 2, 16,
                                                        QLatin1Char('0'));
                }
        }
    }
    return text;
}

QString hexDump(const QByteArray& bytes) {
    QString dump;
    const auto size = static_cast<int>(bytes.size());
    for (int offset = 0; offset < size; offset += kHexDumpBytesPerLine) {
        QString hex;
        QString ascii;
        for (int i = 0; i < kHexDumpBytesPerLine; ++i) {
            if (offset + i >= size) {
                hex += i + 1 == kHexDumpGroup ? QStringLiteral("    ") : QStringLiteral("   ");
                continue;
            }
            const char byte = bytes.at(offset + i);
            hex += QStringLiteral("%1 ").arg(static_cast<unsigned char>(byte), 2, 16,
                                             QLatin1Char('0'));
            ascii += isPrintableAscii(byte) ? QLatin1Char(byte) : QLatin1Char('.');
            if (i + 1 == kHexDumpGroup) {
                hex += QLatin1Char(' ');
            }
        }
        dump += QStringLiteral("%1  %2 %3\n").arg(offset, 4, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return dump;
}

}  // namespace wsl::byte_format
