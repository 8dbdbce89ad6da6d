"""The classifier over a labelled corpus: 722 messages written from templates
(tests/fixtures/corpus/generate.py; then wider.py: 167 shapes written after the rules, of
which the rules read 52% right, and 41 written after the rules were widened, of which they
read 39% right; the rules were widened again, in general words, never for one message),
then messages written one by one under written/ (written.py), each batch scored before the
rules saw it (`tests/fixtures/corpus/read.py BATCH` prints the table):
- heldout1 (85 messages: vendor bounces, auto-replies, ATS mail, outcomes in seven
  languages, invitations, human replies): 83.5% right (71 of 85);
- heldout2 (30, written after the rules were widened by general signals): 80.0% (24 of 30;
  every bounce, auto-reply and automated message right; five outcomes in other words and
  one signature's disclaimer missed);
- heldout3 (20, written after the next widening): 85.0% (17 of 20; only three rejections in
  other words missed);
- heldout4 (15, written after rejections were also read from two cues): 73.3% (11 of 15; two
  offers in other words, a negated offer and a webinar about interviews missed);
- heldout5 (12, written after that): 91.7% (11 of 12; a meeting tool's reminder of an
  interview read as ATS mail);
- heldout6 (40, mostly rejections and offers in seven languages, webinars, meeting-tool mail
  and replies that use "offer" or "reject" in other senses): 77.5% (31 of 40; four soft
  rejections, three offers, an ATS vendor's webinar and its newsletter missed);
- heldout7 (15, written after heldout6's widening): 53.3% (8 of 15; three rejections and two
  offers in other words, a meeting tool's reminder read as a reply, an ATS vendor's newsletter);
- heldout8 (67: outcomes written many ways in replies and ATS mail in eight languages, next
  steps, replies that use "unfortunately" or "offer" in other senses, auto-replies from more
  clients and languages, notifications from many platforms): 76.1% (51 of 67; eight outcomes
  in other words, an unmarked parental-leave note, a bank statement and a message recall read
  as replies, three job-board or survey notices read as ATS mail, a coding-test invitation);
- heldout9 (62: bounces from Domino, GroupWise, MDaemon, Kerio, GMX, Mail.ru, Yandex, QQ,
  OpenSMTPD, Proofpoint, Sophos and others in eight languages, delay warnings, outcomes,
  auto-replies, automated mail): 82.3% (51 of 62; every bounce right, two delay warnings read
  as bounces, six rejections and three offers in other words read as replies);
- heldout10 (36, written after the rules were widened for heldout8 and heldout9, by general
  shapes: a choice made for someone else, a negation that stops the application, phrases in
  unspaced scripts, job alerts known by their body): 86.1% (31 of 36; the rules before that
  widening read it 83.3%; three rejections in other words and a shipping notice read as
  replies, "happy to offer some advice" read as an offer);
- heldout11 (29, written after heldout10's changes): 79.3% (23 of 29, as the rules before
  heldout8 read it; three rejections and an offer in other words, a payment receipt read as
  replies, an ATS vendor's report read as ATS mail);
- heldout12 (22, written after heldout11's changes): 68.2% (15 of 22, as the rules before
  heldout8 read it; four rejections and an offer in other words read as replies, a coding
  site's newsletter read as ATS mail, a file-sharing notice naming an offer letter read as an
  offer);
- heldout13 (78: automated mail that looks personal - receipts, bank and security alerts,
  one-time codes, help-desk replies from Zendesk, Freshdesk, Jira Service Management, OTRS,
  RT and Help Scout, surveys, webinars, monitoring and CI reports, scan-, fax- and
  voicemail-to-email, e-signature and sharing notices, mailing lists, old and new spam from
  person-looking senders - and 16 human business replies): 83.3% (65 of 78; every human
  reply right; a survey in a manager's name, a scanner, a phone system's voicemail, four
  spams, a company announcement to undisclosed recipients, a bill and a renewal notice read
  as replies, a CI report and a meeting recording naming the user read as ATS mail, a
  "mailbox full" phishing from a "Mail Administrator" read as a bounce);
- heldout15 (81: people's mail, Enron-like trading and sales mail using "offer", "decline to
  bid", "decided not to proceed" and "position" in other senses, forwards and quotes of
  auto-replies and bounces, disclaimers, mobile and Outlook HTML replies in nine languages,
  and outcomes with near-misses): 93.8% (76 of 81; a gas trader's "decided not to proceed
  with the other vendor" and a French customer's "ne pas donner suite" to a quote read as
  rejections, a person's forward of a bounce read as a bounce, a fit judgement bound to the
  time and a withdrawn post read as replies);
- heldout14 (124: bounces from some sixty mail systems (Activehunter, amavisd, SES, WorkMail,
  AOL, James, Biglobe, EZweb, KDDI, 1&1, Exchange 2003 to Office 365, FML, Facebook, Google
  Groups, IMail, InterScan, MXLogic, MailFoundry, MailMarshal, McAfee, MessageLabs, Oracle
  Messaging Server, PowerMTA, SendGrid, SurfControl, m-FILTER, IronPort, FirstClass, Postini,
  unknown MTAs...) in ten languages, ISO-2022-JP, KOI8-R and base64 bodies, a truncated report,
  reports with some recipients delivered; delay warnings, success reports, an abuse report;
  31 auto-replies in twenty languages): 96.8% (120 of 124; a mailing list's refusal of a
  non-member read as automated mail, three out-of-office notes read as replies (Danish and
  Hebrew subject prefixes no list held, an unmarked note calling itself automated); the
  failed recipient also missed in a notice written in the recipient's own name);
- heldout14b (29, written after heldout14's widening: list managers' notices, Exchange
  out-of-office notes under an unchanged or unknown-language subject, unmarked notes under a
  disclaimer, bounces naming the user's plus-tagged address, human replies about a bounce):
  82.8% (24 of 29; a list manager's refusal of a non-member, two Exchange out-of-office notes
  and an old vacation program's note read as automated mail, a note above a long legal
  disclaimer read as a reply; the user's plus-tagged address given as a failed recipient);
- heldout14c (22, written after heldout14b's widening: older mail systems, Korean, Chinese
  and Japanese providers' bounces, Lotus Notes notes, absence in other words, replies that
  speak of being away): 90.9% (20 of 22; an old Lotus Notes note without marks, its return
  day readable both ways, read as a reply, a sabbatical note under Precedence: bulk read as
  automated mail; the failed recipient missed in two bounces: named only in the returned
  copy, and after a Chinese label's full-width colon);
- heldout14d (14, written after heldout14c's widening: reports with UTF-8 addresses or their
  fields in the text, acknowledgements, ticket systems, a colleague forwarding a bounce,
  out-of-office notes in Thai, Indonesian and Vietnamese): 92.9% (13 of 14; a mailbox's own
  "full, not delivered" notice under Auto-Submitted read as an auto-reply; a global report's
  UTF-8 address read with replacement characters);
- heldout14e (12, written after heldout14d's widening: mail with archive-stripped headers,
  out-of-office notes relayed by mailing lists, a Sieve rejection notice, an Exchange sharing
  notice that mentions an absence, replies about being away): 66.7% (8 of 12; an unmarked
  note offering "immediate assistance" read as a reply, a list-relayed note read as
  automated mail, the Sieve rejection read as a read receipt, the sharing notice read as an
  out-of-office);
- heldout14f (8, written after heldout14e's widening: a not-read receipt, a report naming
  three failed recipients, a base64 ISO-2022-JP bounce, Exchange notices and a reply that
  carry Exchange's rule headers): 87.5% (7 of 8; the reply carrying
  X-MS-Exchange-Inbox-Rules-Loop read as automated mail, which heldout14b's widening had
  made a mark);
- heldout14g (12, written after heldout14f's widening: failure notices from branded senders
  without a report, in twelve languages): 58.3% (7 of 12; Polish, Turkish, Swedish, French
  and Dutch notices read as automated mail, their subjects and wording in no list);
- heldout14h (16, written after heldout14g's widening: out-of-office notes under a vacation
  program's weak marks only, Precedence: bulk or an empty Return-Path, in sixteen
  languages): 56.2% (9 of 16; French, Spanish, Portuguese, Italian, Swedish, Czech and
  Chinese notes read as automated mail, their absence words in no list);
- heldout14i (5, written after heldout14h's widening: bounces carrying only the attached
  original or a report as a text attachment, a company's closure note, the user forwarding
  a bounce to herself): 80.0% (4 of 5; the user's forward read as a bounce; the failed
  recipient missed in both bounces);
- heldout14j (2, written after heldout14i's widening: a mailing-list post and a person's
  reply explaining a bounce in a bounce's words): 50.0% (1 of 2; the list post read as a
  bounce, its List-Id taken for a machine's mark);
- heldout14k (6, written after heldout14j's widening: unmarked out-of-office notes in
  Polish, Swedish, Japanese, German, French and English at once, and one above the quoted
  message): 33.3% (2 of 6) as first labelled; the note above a quote was then labelled a
  reply, as the project reads one (a person wrote it: test_classify_signals), so 50.0% (3
  of 6; the Polish, Swedish and Japanese notes read as replies: no notice words in their
  languages, no return date the reader could place);
- heldout14l (3, written after heldout14k's widening: bounces naming the failed recipient
  only in the subject, only in a mailto link under a name, or in capitals): 100% as to
  class (3 of 3), the failed recipient missed in two;
- heldout14m (3, written after heldout14l's widening: failures after the retries ran out,
  4.4.7 and "retry time not reached"): 100% (3 of 3, recipients right);
- heldout16 (92: mailing-list posts from Mailman, majordomo, ezmlm, LISTSERV, Sympa, Yahoo!
  Groups, Google Groups, Groups.io and Discourse, with and without List-* headers, digests,
  site newsletters, commercial mail, spam from 2002 to today, and corporate mail in the Enron
  export's shape: department broadcasts and 25 people's notes): 69.6% (64 of 92; every
  person's note but one right, its From "d..steffes@" read as no address; 27 automated
  messages read as replies: three list posts known only by a footer under "____", a LISTSERV
  Sender or "Multiple recipients of list", three commercial mails, nine spams (base64, image-
  only, HTML with an unsubscribe link or white text, person-looking cold pitches) and twelve
  department broadcasts with no header but their names and distribution lists);
- heldout17 (77: calendar mail in the shapes of Google Calendar, Outlook/Exchange/Teams,
  Apple Calendar and iCloud, Zoom, Webex, Calendly, Greenhouse, Lever, Ashby, GoodTime,
  ModernLoop, Personio, Yahoo, Zoho, Fastmail, Nextcloud, Thunderbird and Lotus Notes -
  requests, updates, RECURRENCE-ID, all-day, floating, folded, base64, quoted-printable and
  8bit calendars, several events, a broken file, a file without METHOD, cancellations,
  accepted/declined/tentative answers, COUNTER and DECLINECOUNTER - agendas, reminders,
  shared calendars, people writing about invitations, and acknowledgements of applications
  and requests): 97.4% (75 of 77; a shared calendar named "Job hunt" read as ATS mail, and a
  careers@ mailbox's Auto-Submitted confirmation of an application read as other);
- heldout18 (91: the same classes in odd containers and from thirty years of mail software:
  S/MIME signed, opaque and encrypted, PGP/MIME and inline PGP, Outlook TNEF with and
  without text, uuencoded bodies, pre-MIME Latin-1, Usenet posts, broken MIME, a DSN inside
  a DSN, encoded words in GB2312, Big5, EUC-KR, ISO-2022-JP, KOI8-U and windows-1251, raw
  8-bit headers, duplicate and missing headers, Sender without From, Resent-*, MMS and SMS
  gateways, text/enriched, HTML-only and long-quoted replies): 91.2% (83 of 91; every
  bounce right and no automated mail read as a reply but a signed bank notice saying it
  was generated automatically; an Outlook meeting request and answer sent as TNEF read as
  replies, a Ukrainian out-of-office, a Russian and a Korean rejection read as replies, a
  Chinese ATS acknowledgement read as automated mail, a person's mail with a Sender and no
  From read as other);
- heldout18b (21, written after heldout18's widening: TNEF meeting items in French, with a
  note, and alone; Cyrillic, Japanese and Chinese outcomes in other words; an MMDF failure;
  encrypted, signed and Sender-only program mail; a person forwarding a bounce attached
  whole): 71.4% (15 of 21; a Russian and a Chinese offer, a Russian and a Japanese
  rejection in other words read as replies, the MMDF failure read as a reply, the forward
  read as a bounce);
- heldout19 (69, written after heldout17's widening: bounces from qmail, sendmail, Gmail,
  Exchange 2010 and Office 365, Domino, GMX, Yahoo, Postfix, Mail.ru, Mimecast, GroupWise,
  Courier, iCloud, Barracuda and MDaemon in six languages, an Exim delay warning, auto-replies
  in ten languages and clients, help-desk, newsletter, transactional, spam, list and corporate
  mail, and 21 people's replies, short, forwarded, mobile, with disclaimers, in ten
  languages): 94.2% (65 of 69; a job scam met on WhatsApp read as a reply, a leaver's
  mailbox calling itself automated read as other, a person's "todavía estamos viendo a otros
  candidatos" read as a rejection, a recruiter's reply whose signature offers to unsubscribe
  from marketing mail read as automated mail);
- heldout20 (74, written after heldout19's widening: help-desk mail from Zendesk, Freshdesk,
  ServiceNow, Jira Service Management, Kayako, HappyFox, Front, Gorgias, Groove and osTicket,
  surveys and closed-ticket notices; newsletters from Substack, Mailchimp, Campaign Monitor,
  Constant Contact, Brevo, HubSpot, Marketo, Pardot, Klaviyo, beehiiv, Ghost, Buttondown,
  ConvertKit, MailerLite, Sendy, phpList, Listmonk and one person's letter; event, social and
  chat notices; six job scams; 24 people's mails, of them recruiters' outreach sent through
  Gem, Lever Nurture, Beamery, Outreach, Salesloft and HubSpot): 83.8% (62 of 74; four job
  scams (a cheque for equipment, a training fee read as an offer, pay in USDT, an interview
  by Signal text) and a Salesforce case reply read as replies, a Kayako acknowledgement read
  as an auto-reply, a chat notice from a group named for jobs read as ATS mail, five
  recruiters' mails sent through a tool read as automated mail). Those five were relabelled
  `other` afterwards, not read otherwise: mail a tool sends with its own marks (a bounce
  envelope, List-Unsubscribe, its headers) is read as automated even when a person wrote it,
  since taking a tool's mailing for a reply would pause the user's follow-ups; with the
  new labels, the first read scores 67 of 74 (90.5%);
- heldout21 (100: 70 out-of-office and automatic replies from Exchange and Outlook (marked,
  unmarked, HTML only, under "RE:"), Gmail, Yahoo, iCloud, Zoho, Fastmail, Proton, Zimbra,
  Lotus Notes, GroupWise, Kerio, MDaemon, SmarterMail, Sieve, vacation(1), procmail, cPanel,
  Plesk and Horde, help desks and company inboxes, leavers, parental leave, sabbaticals,
  conferences and public holidays, in 25 languages, with return dates in many forms; and 30
  near misses: people writing of their absence or quoting an auto-reply, out-of-office
  calendar invitations, office-closure announcements, a booking, holiday newsletters): 93.0%
  (93 of 100; no automated mail read as a reply but GroupWise's note under "Re: ... (Away)";
  a procmail note tagged "[auto-reply]" after its subject and a shared Exchange mailbox's
  acknowledgement read as automated mail, a German works-closure notice to "alle@" read as a
  reply; two help-desk acknowledgements and an agent's answer in a ticket, labelled
  auto-reply and reply as first written, were read as other, as the project reads ticket
  systems, and were relabelled other: 96 of 100 under those labels);
- heldout22 (18: written after studying public test mail of bounce parsers, the shapes it
  missed: complaint reports without a feedback-report part, a bare attached message or its
  headers under "complaint about message from <IP>" from an address like a person's; a mail
  app's unsubscribe request marked Auto-Submitted: auto-replied; notices and a reply whose
  multipart boundary line lost its folding whitespace; and 10 near misses: people forwarding
  or answering such reports, asking to be unsubscribed, a reply with the broken fold, an
  out-of-office answering an unsubscribe mail, a true feedback report): 72.2% (13 of 18; the
  three complaint reports carrying a message read as replies, both unsubscribe requests as
  out-of-office notes, and the two bounces named no failed recipient: the broken fold hid
  their text);
- heldout23 (31, written after studying public shapes of bounce-parser test mail from many
  mail systems: 18 notices from Postfix, sendmail (old and new, a pipe's failure, a 4.x.x
  status with Action: failed, a still-trying warning), qmail-like hosts, a small MTA, a
  text-message gateway that quotes the envelope, filtering gateways and appliances, hosted
  filters, a threaded hosted-mail NDR, an HTML-only report, a groupware server in Japanese and
  a base64 Japanese notice, three of them declaring a MIME boundary their body never uses; 13
  near misses: people writing of bounces, full mailboxes and absences, an administrator
  writing from postmaster@, a forwarded bounce, an original sent back as an attachment, a
  parcel notice): 96.8% (30 of 31; the administrator's mail from postmaster@ read as a
  bounce; and three failed recipients missed: two behind a boundary the body never uses, one
  in report blocks run together without blank lines);
- heldout26 (46, written after studying public shapes of calendar programs and mail reports:
  Exchange invitations, answers and cancellations in German under zone names like
  "(UTC+01:00) Amsterdam, Berlin, ..." whose commas the VTIMEZONE escapes, OpenPaaS and
  Roundcube calendars whose outer and inner methods disagree or whose DTSTAMP is malformed,
  a phone's forward of a Horde invitation as text/x-vCalendar, Google Calendar cancellations
  and updates relayed by a mailing list, a spam-tagged Yahoo invitation, a German
  Thunderbird invitation, a whole-message Outlook calendar, a booking notice, calendars that
  cannot be read or whose lines fell where their part's headers go, read receipts from a
  chat client, a webmail and as plain text, a recall notice, relay and delivery reports,
  Gmail delay warnings in Japanese, German and old plain text, three bounces, and 14
  people's near misses): 93.5% (43 of 46; two read receipts written as text, with no
  disposition-notification part, read as replies, a calendar answer whose lines fell into
  its part's headers read as automated mail; the Exchange zone's times were also read in
  UTC, an hour off);
- heldout24 (32: written after studying public test mail of vacation programs, help desks
  and auto-reply detectors: unmarked absence notes that name a return by "returning", "will
  be back", "next week" or "OOO until", Exchange subject prefixes in a long localized form
  or without their accents, an inbox rule's reply, a note that calls itself automatic and
  names the day it answers, a Sieve "Auto:" note, a Notes "AUTO:" note, database and backup
  accounts' reports, "[AUTO GENERATED]" and "Automated notification" subjects, a mailbox
  provider's complaint, a challenge filter's report with a 4.x status, a help desk's
  acknowledgement; and 11 near misses: people away but answering, back on a day, quoting,
  asking about an automatic reply, complaining or named like a database): 53.1% (17 of 32;
  four unmarked notes and three accented or long prefixes read as replies, the note naming
  its answer day and the inbox rule's reply read as other, three database and backup
  accounts' reports, an automated notification and the complaint read as replies, the
  challenge read as a bounce);
- heldout25 (23: a robot's CI job notices relayed by mailing lists, HTML mailings' stand-in
  text, database accounts' reports, spam named by its sender, invoices and a people finder
  offered to strangers, a web image without words, and 12 near misses from people; written
  after studying public shapes of people's replies, mailing lists, notifications and spam):
  47.8% (11 of 23; both CI notices read as ATS mail, nine automated or spam messages read as
  replies, a person forwarding spam read as automated mail);
- heldout25b (7, written after heldout25's widening: strangers asking for answers at another
  free-mail box, a mailing's "no longer wish to hear from us", and people's near misses):
  57.1% (4 of 7; both strangers read as replies, a recruiter's "if you no longer wish to hear
  from me" read as automated mail by heldout25's first wording, since narrowed to "from us");
- heldout28 (35, written after studying public shapes of out-of-office detectors' test sets
  and sales-reply classifiers: 18 bare absence notes under a reply's subject with no
  automation header and no notice's phrase ("I'm on vacation until 14 July.", "Currently on
  parental leave.", a greeting, the absence and a name) in six languages, a request logged by
  a system; 17 near misses: people who mention an absence and go on to answer, ask, or say
  the absence is over): 45.7% (16 of 35; every bare note and the logged request read as
  replies, a person's "on holiday until the 9th, but the offer is ready" as an out-of-office);
- heldout29 (37, written after studying public shapes of applicant-tracking and HR systems'
  candidate mail templates: an ERP's recruitment mail from its applicant record (a refusal,
  a receipt, a shortlist from a recruiter's own address), regrets in Vietnamese, Indonesian,
  Arabic, Japanese and Dutch, a gender-inclusive German "anderen Kandidat:in", "sorry to
  inform that ... not the best match for you", "it didn't work out this time", others who
  "more closely meet the requirements", postings withdrawn and requisitions cancelled, a
  misspelt "unsucessful", offers by "move forward with an offer for the ... role" and by
  selection for the position, receipts of a "recent application", a Chinese HTML interview
  notice under a linked logo; and 14 people's near misses in the same words): 40.5% (15 of
  37; all 16 rejections but one and both offers read as replies or ATS notices, the ERP's
  mail and the receipts as replies, the Chinese notice as a mailing of images "with almost
  no words" because its characters were counted as a handful of words);
- heldout27 (25, written after studying public shapes of bounce-parser test mail from many
  mail systems: a small server's notice whose From is "postmaster@" an address-literal host
  (so a mailing list's Sender stood in for it), relayed by a list and sent direct;
  challenge-response filters asking for the sender's confirmation in plain text and inside a
  delivery report, and the filter's one-time note once the sender is listed; a virus
  gateway's "could not be delivered ... delivery attempts will continue" and an Exchange
  advisory of a postponement, both still trying; X.400, LISTSERV-style, directory-lookup,
  MDaemon, MailEnable and carrier notices; out-of-office notes under long Baltic prefixes
  written without diacritics; and 10 near misses: people asking to be put on an allowed list,
  adding the user to a guest list or a waitlist, postponing an interview, telling of a
  failed delivery or of their own spam blocker, writing from an address-literal host or
  from postmaster@ under their name, a newsletter about undeliverable mail): 68.0% (17 of
  25; the plain challenge note read as a reply and the two inside delivery reports as
  bounces, the gateway's warning as a reply and the advisory as a bounce, the Latvian
  out-of-office as a reply, the address-literal notice relayed by a list as automated mail,
  and a person's reply naming their spam blocker as a verification system);
- heldout27b (5, written after studying the spam among public bounce-parser test mail: a
  friendly opening over offers spelled with look-alike symbols, in text and in HTML; and 3
  near misses: an IT person's password example, brands, figures and addresses in a reply,
  product names with digits): 80.0% (4 of 5; the text offer read as a reply);
- heldout30 (23, written after studying public shapes of mail clients' and mail parsers' test
  mail: announcements, minutes and customer notices addressed to a group that lists no one
  ("WG-Announce:;", "Valued Customers:;"), one fetched by message/external-body; people's
  mail in old clients' MIME layouts (a bare "text" type, a Mac client's nested alternative,
  a signed Mutt answer, a forward sent whole as message/rfc822), old servers' bounces, a
  digest, a list post and a meeting request; 11 near misses from people writing to a group
  that lists its members, copying the user beside an empty group, or naming an
  announcement): 78.3% (18 of 23; all five announcements to an empty group read as replies);
- heldout32 (38, written after studying public shapes of people's business mail and of
  mail-library test messages: hiring words in business senses in Notes exports and Outlook
  threads (a long position, an offer sheet, a counterparty's accepted offer, a backfill not
  filled, a colleague asked to interview candidates, a candidate declining the user's offer,
  a supplier not chosen, a regret about a dinner, an auditor selected and the others told
  they were unsuccessful, an offer letter the reader is asked to prepare), quote headers in
  six languages, a list post, a digest, a self-addressed note, a person's mail to a named
  group of members, and memos and a draft notice sent to a group that lists no one): 86.8%
  (33 of 38; both memos to an empty group read as replies, "notre candidature n'a pas été
  retenue" and "they were unsuccessful" told of others as rejections, and the offer letter
  the reader is asked to prepare as an offer);
- heldout31 (28, written after studying public shapes of classic ham and spam corpora's
  commercial newsletters, bulk mail and spam of 2001-2003: a numbered offer list that asks
  its reader to "leave this list", HTML promotions to a crowd in Cc, a come-on ending in a
  line of random letters, a fortune letter under a bulk mailer's advertisement, an "ADV:"
  subject, free-mail senders asking for answers at another provider, mail with no To and no
  Cc, a trailing tracking code, a "Dear <address>:" letter under its date line, an alert
  service's host, a renewal reminder, a horoscope's "do not wish to continue receiving", a
  list post whose list headers were stripped; 12 people's near misses: a dated letter that
  greets by name, a recruiter's offer to stop sending updates, a panel's colleagues in Cc, a
  booking reference, a signed message, "Dear Sir/Madam" with a salary in US dollars): 39.3%
  (11 of 28; every bulk or spam message but the horoscope read as a reply, the horoscope and
  the recruiter's "don't wish to continue receiving updates on the role" as rejections);
- heldout31b (15, written after heldout31's widening, in the shapes a second sample of the
  same corpora showed: business-opportunity shouting with "no obligation", an offer list
  whose link carries the reader's address, "Undisclosed.Recipients", poker, credit-repair,
  herbal and address-list pitches, a minister's investment, "Remove" in the subject line
  sent to the sender's own box; 5 people's near misses: pay per week, a credit check, a
  gaming client, a relocation partner "in your country", a friend's way off a list): 40.0%
  (6 of 15; every pitch but one read as a reply);
- heldout31c (7, written after heldout31b's widening, in the shapes a third sample showed: a
  subject ending in a made-up tracking token or a long run of digits, one local part at
  several domains in Cc, an empty To, answers asked at another name's box on the same
  free-mail provider; 3 people's near misses: a friend writing to two of the user's boxes, a
  requisition number in a subject, a Reply-To at the sender's own second box): 42.9% (3 of
  7; all four pitches read as replies);
- heldout33 (24, written after studying public shapes of first-contact spam of 2001-2003: a
  Date whose zone no clock is set to ("-1900", "+1500", "+0217") or whose year lost a digit
  or gained a nought, a subject padded with a run of spaces, bare or before a short code; 10
  people's near misses: a recruiter's Outlook mail with a text part, a Reply-To at the
  sender's company, a hiring manager's HTML-only answer in a thread, real half- and
  quarter-hour zones, an old zone name, two spaces inside a subject, a folded subject, a
  forged zone in a thread, digits in a person's address): 54.2% (13 of 24; every spam shape
  but three read as a reply).
Per-class precision and recall, printed, with floors."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

from followup.mail.reading.classify import classify_message

_GENERATOR = Path(__file__).parent.parent / "fixtures" / "corpus" / "generate.py"


@cache
def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("followup_corpus_generate", _GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@cache
def _results() -> list[tuple[object, str]]:
    gen = _generator()
    out = []
    for sample in gen.corpus():
        info = classify_message(sample.raw, user_addresses=gen.USER_ADDRESSES)
        out.append((sample, info))
    return out


def _table(results: list[tuple[object, object]]) -> tuple[str, dict[str, tuple[float, float]]]:
    written = _generator()._sibling("written")
    return written.score((s.label, str(i.kind)) for s, i in results)  # type: ignore[attr-defined]


def test_corpus_is_large_and_varied() -> None:
    samples = [s for s, _ in _results()]
    assert len(samples) >= 400
    labels = Counter(s.label for s in samples)  # type: ignore[attr-defined]
    assert set(labels) >= {"bounce", "auto-reply", "other", "reply", "rejection", "offer", "ats"}
    assert len({s.raw for s in samples}) == len(samples)  # type: ignore[attr-defined]


def test_corpus_precision_and_recall() -> None:
    results = _results()
    table, scores = _table(results)
    wrong = [
        f"{s.name}: expected {s.label}, read {i.kind} ({'; '.join(i.evidence)})"  # type: ignore[attr-defined]
        for s, i in results
        if str(i.kind) != s.label  # type: ignore[attr-defined]
    ]
    accuracy = 1 - len(wrong) / len(results)
    print(f"\n{table}")
    for line in wrong:
        print("  " + line)
    assert accuracy >= 0.98, "\n".join(wrong)
    assert scores["bounce"][1] >= 0.98, "\n".join(wrong)
    weak = {label: recall for label, (_, recall) in scores.items() if recall < 0.98}
    assert not weak, f"classes read right less than 98% of the time: {weak}"


def test_each_written_batch_meets_the_floors() -> None:
    by_batch: dict[str, list[tuple[object, object]]] = {}
    for sample, info in _results():
        batch, _, _ = sample.name.partition("/")  # type: ignore[attr-defined]
        if "/" in sample.name:  # type: ignore[attr-defined]
            by_batch.setdefault(batch, []).append((sample, info))
    assert by_batch, "no written batch found"
    for batch, results in sorted(by_batch.items()):
        table, scores = _table(results)
        print(f"\n{batch}\n{table}")
        right = sum(str(i.kind) == s.label for s, i in results)  # type: ignore[attr-defined]
        assert right / len(results) >= 0.98, batch
        assert scores.get("bounce", (1.0, 1.0))[1] >= 0.98, batch


def test_no_automated_message_is_read_as_a_reply() -> None:
    taken = [
        f"{s.name} ({s.label}): {'; '.join(i.evidence)}"  # type: ignore[attr-defined]
        for s, i in _results()
        if s.label in ("bounce", "auto-reply", "other", "ats") and str(i.kind) == "reply"  # type: ignore[attr-defined]
    ]
    assert not taken, "\n".join(taken)


def test_no_notification_is_read_as_an_out_of_office() -> None:
    taken = [
        f"{s.name}: {'; '.join(i.evidence)}"  # type: ignore[attr-defined]
        for s, i in _results()
        if s.label == "other" and str(i.kind) == "auto-reply"  # type: ignore[attr-defined]
    ]
    assert not taken, "\n".join(taken)


def test_bounce_recipients_are_real_addresses_and_never_the_user() -> None:
    gen = _generator()
    found = missed = 0
    for sample, info in _results():
        if sample.label != "bounce" or str(info.kind) != "bounce":  # type: ignore[attr-defined]
            continue
        for address in info.failed_recipients:  # type: ignore[attr-defined]
            assert address not in gen.USER_ADDRESSES, sample.name  # type: ignore[attr-defined]
            assert "|" not in address and "/" not in address, sample.name  # type: ignore[attr-defined]
            assert "@" in address
            ids = {m.strip("<>") for m in (info.message_id, info.original_message_id) if m}  # type: ignore[attr-defined]
            assert address not in ids, sample.name  # type: ignore[attr-defined]
        for expected in sample.failed:  # type: ignore[attr-defined]
            if expected in info.failed_recipients:  # type: ignore[attr-defined]
                found += 1
            else:
                missed += 1
    print(f"\nfailed recipients found {found}, missed {missed}")
    assert found / (found + missed) >= 0.95


def test_delay_warnings_are_never_failures() -> None:
    for sample, info in _results():
        if sample.delayed:  # type: ignore[attr-defined]
            assert str(info.kind) != "bounce", sample.name  # type: ignore[attr-defined]
            assert not info.failed_recipients, sample.name  # type: ignore[attr-defined]
