#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace refract::net {

/// One HTTP/1.x request as the local server's connection parsed it. Header names are lower case.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;  ///< as sent: path and query
    QByteArray path;    ///< percent-encoded, without the query
    QByteArray query;   ///< after `?`, still encoded
    int minorVersion = 1;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray peerAddress;

    /// The first value of a header (`name` in lower case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers)
            if (h.first == name)
                return h.second;
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &h : headers)
            if (h.first == name)
                return true;
        return false;
    }
};

/// A response the server writes; Content-Length, Date-less, keep-alive framing is added on write.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool close = false;     ///< close the connection after writing
    bool headOnly = false;  ///< HEAD: headers with the body's length, no body

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append(qMakePair(name, value)); }

    static HttpResponse json(int status, const QByteArray &body, const QByteArray &contentType = "application/json; charset=utf-8")
    {
        HttpResponse r;
        r.status = status;
        r.contentType = contentType;
        r.body = body;
        return r;
    }
    /// The status line, headers and body as written on the wire.
    QByteArray serialize(bool keepAlive) const;
    static const char *reason(int status);
};

} // namespace refract::net
