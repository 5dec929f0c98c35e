"""What the Redis broker holds, read the way kombu's Redis transport stores it.

Queued jobs are a list named after the queue; a job a worker took is moved to the `unacked` hash
(indexed by delivery time in `unacked_index`) until the worker acknowledges it, which with
acks_late happens only after the job finished.
"""

import redis

QUEUE = "celery"
UNACKED = "unacked"
UNACKED_INDEX = "unacked_index"


class Broker:
    def __init__(self, url: str) -> None:
        self.redis = redis.Redis.from_url(url)

    def queued(self) -> int:
        return self.redis.llen(QUEUE)  # pyright: ignore[reportReturnType]

    def unacknowledged(self) -> int:
        return self.redis.hlen(UNACKED)  # pyright: ignore[reportReturnType]

    def idle(self) -> bool:
        """No job waits and none is in progress: everything enqueued so far has finished."""
        return self.queued() == 0 and self.unacknowledged() == 0

    def oldest_unacknowledged_age(self) -> float:
        """Seconds, by Redis' clock, since a worker took the oldest job it never acknowledged."""
        oldest = self.redis.zrange(UNACKED_INDEX, 0, 0, withscores=True)
        if not oldest:
            raise AssertionError("no unacknowledged job in Redis")
        seconds, microseconds = self.redis.time()  # pyright: ignore[reportGeneralTypeIssues]
        return seconds + microseconds / 1e6 - oldest[0][1]  # pyright: ignore[reportIndexIssue]

    def close(self) -> None:
        self.redis.close()
