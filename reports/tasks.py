"""Background tasks (django-tasks, run by ``manage.py db_worker``)."""

from django_tasks import task

from reports import ekspor


@task()
def buat_ekspor(ekspor_id: int) -> None:
    """Make the PDF of a requested office report or bundle."""
    ekspor.ekspor_jalankan(ekspor_id=ekspor_id)
