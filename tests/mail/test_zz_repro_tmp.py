import json
from collections import Counter
from pathlib import Path

import pytest
from outbox_rounds import Home, sink_counts, folder_counts, add_interview_yesterday, save_profile
from followup.mail.outbox import OutboxState

pytestmark = pytest.mark.mail
STATS = Counter()


@pytest.mark.parametrize("runners", [4])
def test_repro(tmp_path, database_url, dovecot, smtp_server, mail_user, other_user, runners):
    home = Home.make(tmp_path / "home", database_url, dovecot, smtp_server, mail_user)
    outbox = home.outbox()
    recipients = [mail_user if n % 2 else other_user for n in range(30)]
    for r in range(8):
        rows = home.queue(outbox, recipients, f"x{r}")
        results = home.run_together(*[("outbox", "run", "--json")] * runners)
        for res in results:
            if res.code != 0 or "locked" in res.err or "Traceback" in res.err:
                STATS["bad-exit"] += 1
                print(res.describe()[-800:])
        smtp_server.wait_idle()
        sink = sink_counts(smtp_server)
        sent = folder_counts(dovecot, mail_user, "Sent")
        for row in rows:
            now = outbox.get(row.id)
            STATS[f"state:{now.state}"] += 1
            STATS[f"sink:{sink[row.message_id]}"] += 1
            STATS[f"sentcopies:{sent[row.message_id]}"] += 1
    print(database_url.split(":")[0], dict(STATS))
    home.close()


def test_repro_send(tmp_path, database_url, dovecot, smtp_server, mail_user, other_user):
    home = Home.make(tmp_path / "home", database_url, dovecot, smtp_server, mail_user)
    ctx = home.context()
    save_profile(ctx)
    outbox = home.outbox(ctx)
    stats = Counter()
    for r in range(10):
        action_id = add_interview_yesterday(ctx, other_user, f"Acme {r}")
        results = home.run_together(*[("send", action_id, "--now", "--json")] * 4)
        for res in results:
            stats[f"exit:{res.code}"] += 1
            if "locked" in res.err or "Traceback" in res.err:
                stats["locked/traceback"] += 1
                print(res.err[-600:])
        rows = [x for x in outbox.rows() if x.action_id == action_id]
        stats[f"rows:{len(rows)}"] += 1
        smtp_server.wait_idle()
        sink = sink_counts(smtp_server)
        for row in rows:
            stats[f"sink:{sink[row.message_id]}"] += 1
            stats[f"state:{row.state}"] += 1
    print(database_url.split(":")[0], dict(stats))
    home.close()
