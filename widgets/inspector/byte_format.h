#pragma once

#include <QByteArray>
#include <QString>

// Text renderings of captured bytes, for the Body and Eavesdropper tabs.
namespace wsl::byte_format {

// Whether `bytes` decode as UTF-8 text without control characters other than tab, line feed
// and carriage return. A multi-byte character cut off at the end, as in a body truncated to
// its first KiB, still counts as text.
bool isPrintableUtf8(const QByteArray& bytes);

// Decodes UTF-8, dropping a multi-byte character cut off at the end.
QString decodeUtf8(const QByteArray& bytes);

// Returns the bytes as text with each non-printable byte escaped: \r, \t, \xNN. A line feed
// is shown as \n and also ends the line, so that HTTP messages keep their shape.
QString escapedText(const QByteArray& bytes);

// Returns a hex dump with 16 bytes a line: offset, hex bytes, and the printable ASCII.
QString hexDump(const QByteArray& bytes);

}  // namespace wsl::byte_format
