-- A PENDING request nobody decided within the connection's pending timeout.
-- (Its own migration: a new enum value cannot be used in the transaction that adds it.)
ALTER TYPE "RequestStatus" ADD VALUE 'EXPIRED';
