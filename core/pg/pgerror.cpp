#include "pgerror.h"

namespace refract::pg {

QString PgError::toString() const
{
    QString s = message;
    if (!sqlState.isEmpty())
        s += QStringLiteral(" (SQLSTATE %1)").arg(sqlState);
    if (!detail.isEmpty())
        s += QStringLiteral("; detail: ") + detail;
    if (!hint.isEmpty())
        s += QStringLiteral("; hint: ") + hint;
    return s;
}

} // namespace refract::pg
