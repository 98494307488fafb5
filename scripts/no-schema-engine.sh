#!/bin/sh
echo "Prisma's native schema engine is not installed. Baton applies migrations with 'npm run db:migrate'." >&2
exit 1
