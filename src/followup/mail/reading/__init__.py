"""Reading mail: pure functions over raw bytes, no I/O, no store, no other mail sub-package.

`parse` (messages; by concern in `parse_bounds`, `parse_headers`, `parse_body`,
`parse_reports`, `parse_part`), `text` (decoding, quoted replies), `classify` (bounce,
auto-reply, invitation, rejection, offer, ATS, reply), `rules` (the classification words and
domains, data/classify.yaml), `returndate` and `decision_date` (dates named in a reply), `ics`
(invitations), `invite_changes` (what an invitation does to an interview), `match` (which
application a message belongs to), `prefilter` (cheap header checks before a body is read),
`inspect` (a JSON view of one message), `visible` (the text a person sees in HTML;
`visible_styles`, the CSS that hides it), `addresses` (one valid address, one-line names),
`limits` (the caps on hostile input and `InputTooLarge`).
"""
