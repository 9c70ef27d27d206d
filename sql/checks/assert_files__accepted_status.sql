-- Manifest statuses are loaded or rejected; rejected rows say why.
select sha256, status, reason
from raw.files
where status not in ('loaded', 'rejected') or (status = 'rejected' and reason is null);
