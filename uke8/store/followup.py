"""The queries of what follows the questions on a case (PRODUCT.md §3b): the kartlegging's
outcomes and new information. Both tables are append-only (migration 0009): a correction is a
new row, and the newest row is the one that holds."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.store.models import KartleggingOutcome, NewInformation


class FollowUpRepository:
    def __init__(self, session: Session):
        self.session = session

    def outcomes(self, case_id: str) -> Sequence[KartleggingOutcome]:
        return self.session.scalars(
            select(KartleggingOutcome).where(KartleggingOutcome.case_id == case_id).order_by(KartleggingOutcome.id)
        ).all()

    def latest_outcome(self, case_id: str) -> KartleggingOutcome | None:
        return self.session.scalars(
            select(KartleggingOutcome).where(KartleggingOutcome.case_id == case_id).order_by(KartleggingOutcome.id.desc()).limit(1)
        ).first()

    def new_information(self, case_id: str) -> Sequence[NewInformation]:
        return self.session.scalars(
            select(NewInformation).where(NewInformation.case_id == case_id).order_by(NewInformation.id)
        ).all()

    def by_key(self, feed_key: str) -> NewInformation | None:
        return self.session.scalars(select(NewInformation).where(NewInformation.feed_key == feed_key)).first()

    def add(self, row: KartleggingOutcome | NewInformation) -> None:
        self.session.add(row)
        self.session.flush()
