#include "httpmessage.h"

#include <charconv>
#include <cstring>

namespace refract::net {

const char *HttpResponse::reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    // Sized first and copied into place: appending piece by piece was a tenth of the server's own
    // work per request.
    char statusText[16], lengthText[24];
    const auto statusEnd = std::to_chars(statusText, statusText + sizeof statusText, status).ptr;
    const auto lengthEnd = std::to_chars(lengthText, lengthText + sizeof lengthText, body.size()).ptr;
    const QByteArrayView why(reason(status));
    const bool closing = !keepAlive || close;
    const QByteArrayView closeLine = closing ? QByteArrayView("Connection: close\r\n") : QByteArrayView();
    qsizetype size = 9 + (statusEnd - statusText) + 1 + why.size() + 2 + 16 + (lengthEnd - lengthText) + 2 + closeLine.size() + 2;
    if (!contentType.isEmpty())
        size += 14 + contentType.size() + 2;
    for (const auto &h : headers)
        size += h.first.size() + 2 + h.second.size() + 2;
    if (!headOnly)
        size += body.size();
    QByteArray out(size, Qt::Uninitialized);
    char *p = out.data();
    auto put = [&p](QByteArrayView v) {
        if (!v.isEmpty())
            std::memcpy(p, v.data(), size_t(v.size()));
        p += v.size();
    };
    put("HTTP/1.1 ");
    put(QByteArrayView(statusText, statusEnd - statusText));
    put(" ");
    put(why);
    put("\r\n");
    if (!contentType.isEmpty()) {
        put("Content-Type: ");
        put(contentType);
        put("\r\n");
    }
    put("Content-Length: ");
    put(QByteArrayView(lengthText, lengthEnd - lengthText));
    put("\r\n");
    for (const auto &h : headers) {
        put(h.first);
        put(": ");
        put(h.second);
        put("\r\n");
    }
    put(closeLine);
    put("\r\n");
    if (!headOnly)
        put(body);
    Q_ASSERT(p == out.data() + out.size());
    return out;
}

} // namespace refract::net
