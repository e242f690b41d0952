# English texts of the default theme. Every sentence the templates show
# comes from here (or from the site's locales/en/*.ftl, which overrides
# messages with the same id). Messages are trusted markup; arguments are
# escaped before they are inserted.

## Locale settings
meta-date-locale = en-GB
language-name = English
slug-privacy = privacy
slug-cookies = cookies
list-and = { $first } and { $last }
# Numbers in running text: words up to twelve, figures above.
number = { $n ->
    [0] zero
    [1] one
    [2] two
    [3] three
    [4] four
    [5] five
    [6] six
    [7] seven
    [8] eight
    [9] nine
    [10] ten
    [11] eleven
    [12] twelve
   *[other] { $n }
  }
# The same at the start of a sentence (templates use it up to twelve).
number-start = { $n ->
    [1] One
    [2] Two
    [3] Three
    [4] Four
    [5] Five
    [6] Six
    [7] Seven
    [8] Eight
    [9] Nine
    [10] Ten
    [11] Eleven
    [12] Twelve
   *[other] { $n }
  }

## Durations (plural categories follow CLDR via Fluent)
duration-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
  }
duration-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
  }
duration-weeks = { $n ->
    [one] { $n } week
   *[other] { $n } weeks
  }
duration-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
  }
duration-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
  }
duration-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
  }
duration-seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
  }
duration-session = Until you close the browser

## v2: cookie groups and lifetimes without one period
duration-range = From { $min } to { $max }
duration-varies = Varies

## Page chrome
skip-to-content = Skip to content
nav-label = Privacy pages
nav-privacy = Privacy statement
nav-cookies = Cookie declaration
language-switcher-label = Language
version-line = Version { $version }, effective from { $date }
last-reviewed = Last reviewed { $date }.
last-modified = Last modified { $date }.
toc-heading = Contents
back-to-contents = Back to contents
footer-contact = Questions about privacy? Write to { $email }.
footer-published = This page is generated from { $org }'s privacy data.

## Privacy statement
privacy-title = Privacy statement
privacy-heading = Privacy statement for { $org }
privacy-description = How { $org } processes personal data, and your rights.
privacy-scope = Scope

summary-heading = In short
summary-who = Who is responsible
summary-who-text = { $org } is the controller: we decide why and how your personal data is processed.
summary-what = What we collect and why
summary-what-text = We process personal data for these purposes:
summary-recipients = Who receives it
summary-recipients-text = { $count ->
    [one] We share personal data with one recipient.
   *[other] We share personal data with { $words } recipients.
  }
summary-processors-all = { $count ->
    [one] The recipient is a processor that processes the data on our behalf.
   *[other] All of them are processors that process the data on our behalf.
  }
summary-processors-some = { $count ->
    [one] One of them is a processor that processes the data on our behalf.
   *[other] { $form ->
        [start] { $words } of them are processors that process the data on our behalf.
       *[inside] Of these, { $words } are processors that process the data on our behalf.
      }
  }
summary-transfers-text = { $count ->
    [one] One of the recipients processes data outside the EEA.
   *[other] { $form ->
        [start] { $words } of the recipients process data outside the EEA.
       *[inside] Of the recipients, { $words } process data outside the EEA.
      }
  }
summary-transfers-covered = { $count ->
    [one] The transfer mechanism we use is given under “{ transfers-heading }”.
   *[other] The transfer mechanism we use for each of them is given under “{ transfers-heading }”.
  }
## v2: transfers to a category of recipients
summary-transfers-possible = { $count ->
    [one] Personal data may also be transferred outside the EEA to the category of recipients described under “{ transfers-heading }”.
   *[other] Personal data may also be transferred outside the EEA to the categories of recipients described under “{ transfers-heading }”.
  }
summary-retention = How long we keep it
summary-retention-range = From { $min } to { $max }, depending on the purpose. We delete or anonymise the data when the period ends.
summary-retention-text = The retention period is given for each processing activity below.
summary-rights = Your rights
summary-rights-text = { $portability ->
    [true] You can ask to see, correct or erase your data, restrict its processing, or receive it or have it sent to another organisation (data portability). This is free of charge unless a request is manifestly unfounded or excessive.
   *[other] You can ask to see, correct or erase your data, or restrict its processing. This is free of charge unless a request is manifestly unfounded or excessive.
  }
summary-withdraw-text = Where you have given consent, you can withdraw it at any time.
summary-objection-text = You can object, on grounds relating to your particular situation, to processing based on legitimate interests or on a task in the public interest. You can always object to direct marketing.
summary-automated-item = { $kind ->
    [solely_profiling] a decision made by automated means alone, with profiling
    [solely] a decision made by automated means alone
    [profiling] profiling
   *[other] automated processing
  }
summary-cookies-marketing = { $count ->
    [one] One of the cookies is used for marketing, that is, to measure and target advertising.
   *[other] { $form ->
        [start] { $words } of the cookies are used for marketing, that is, to measure and target advertising.
       *[inside] Of the cookies, { $words } are used for marketing, that is, to measure and target advertising.
      }
  }
summary-complaint = How to complain
summary-complaint-text = You can complain to { $authority }.

## v2: glossary
# [document] glossary: paraphrases of GDPR art. 4(1), 4(2), 4(7), 4(8) and
# 9(1), in the terms of the English GDPR text.
glossary-heading = Definitions
glossary-intro = We use these terms as the General Data Protection Regulation (GDPR) defines them. The explanations below summarise the definitions; the wording of the regulation prevails.
glossary-personal_data = Personal data
  .definition = Any information relating to an identified or identifiable natural person (the data subject). A person is identifiable if they can be identified, directly or indirectly, in particular by reference to an identifier such as a name, an identification number, location data or an online identifier, or to one or more factors specific to their physical, physiological, genetic, mental, economic, cultural or social identity.
  .citation = Article 4(1) GDPR
glossary-processing = Processing
  .definition = Any operation or set of operations performed on personal data, whether or not by automated means, such as collection, recording, organisation, structuring, storage, adaptation or alteration, retrieval, consultation, use, disclosure by transmission, dissemination or otherwise making available, alignment or combination, restriction, erasure or destruction.
  .citation = Article 4(2) GDPR
glossary-controller = Controller
  .definition = The natural or legal person, public authority, agency or other body that, alone or jointly with others, determines the purposes and means of the processing of personal data.
  .citation = Article 4(7) GDPR
glossary-processor = Processor
  .definition = A natural or legal person, public authority, agency or other body that processes personal data on behalf of the controller.
  .citation = Article 4(8) GDPR
glossary-special_categories = Special categories of personal data
  .definition = Personal data revealing racial or ethnic origin, political opinions, religious or philosophical beliefs or trade union membership, genetic data, biometric data processed to uniquely identify a natural person, data concerning health, and data concerning a natural person's sex life or sexual orientation. Processing them is prohibited unless one of the conditions in Article 9(2) applies.
  .citation = Article 9(1) GDPR

controller-heading = Who is responsible
controller-intro = { $org } is the controller for the processing described in this statement.
org-number = Organisation number
address-visiting = Visiting address
address-postal = Postal address
address-registered = Registered address
address-invoice = Invoice address
address = Address
contact-email = E-mail
contact-phone = Phone
contact-website = Website
privacy-contact-heading = Privacy contact
dpo-appointed = We have appointed a data protection officer. You can contact the data protection officer about anything that concerns the processing of your personal data.
dpo-not-appointed = We have not appointed a data protection officer.
privacy-contact-role = Questions about privacy go to our privacy contact ({ $role }).
privacy-contact-norole = Questions about privacy go to our privacy contact.
dpo-name = Data protection officer
contact-name = Name
contact-role = Role
representative-heading = Our representative in the EEA

processor-contexts-heading = When we process data for our customers
processor-intro = In the services below we process personal data only on behalf of our customers. The customer is then the controller and we are their processor. This statement does not cover that processing: read the customer's own privacy statement, and contact the customer to use your rights.
processor-customers = Customers

## v2: processor contexts (data and sectors)
processor-data = Personal data we process for the customers in this service
processor-sectors = Customers' sectors
diff-field-sectors = the customers' sectors

activities-heading = What we process and why
activities-intro = { $complete ->
    [true] Each processing activity is described below: the purpose, the personal data, the legal basis, how long we keep the data, and who receives it.
   *[other] Each processing activity is described below, with its purpose and legal basis.
  }
activities-none = This statement describes no processing activities.
field-purposes = Purpose
field-data = Personal data
field-subjects = Whose data
field-sources = Where the data comes from
field-basis = Legal basis
field-legitimate-interest = Our legitimate interest
field-legal-reference = Legal requirement
field-special-condition = Condition for special category data
field-retention = Retention period
field-recipients = Recipients
field-provision = Do you have to give us the data?
field-automated = Automated decisions and profiling
field-withdraw = How to withdraw consent
field-cookies = Cookies used
field-note = Note

## v2: legal basis per purpose, national grounds beside it, disclosures
basis-applies-to = Applies to
basis-all-purposes = All the purposes above
field-national-ground = Marketing by e-mail
national-ground-marketing_act_existing_customer = When you are our customer and we received your e-mail address in connection with a sale, we may send you marketing by e-mail without asking for your consent first, but only about our own goods and services similar to those you bought. You can refuse such marketing simply and free of charge at any time, including in every e-mail we send (section 15 of the Norwegian Marketing Control Act, markedsføringsloven).
national-ground-marketing_act_consent = We send you marketing by e-mail only if you have consented to it in advance (section 15 of the Norwegian Marketing Control Act, markedsføringsloven).
field-disclosures = Other disclosures
disclosure-business_transfer = If we sell, merge or transfer all or part of our business, we may disclose personal data to the buyer or a prospective buyer and their advisers, to the extent necessary for the transaction. The basis is our legitimate interest in carrying out the transaction (Article 6(1)(f) GDPR).
disclosure-legal_claims = We may disclose personal data to courts, lawyers or the other party where this is necessary to establish, exercise or defend legal claims. The basis is our legitimate interest in safeguarding our legal position (Article 6(1)(f) GDPR).
disclosure-legal_claims-special = For special categories of personal data, the condition is that the processing is necessary to establish, exercise or defend legal claims (Article 9(2)(f) GDPR).

special-category-note = Includes special categories of personal data (Article 9 GDPR).
criminal-note = Includes personal data relating to criminal convictions and offences (Article 10 GDPR).
source-public = publicly available

basis-consent = Consent
  .citation = Article 6(1)(a) GDPR
basis-contract = Necessary to enter into or perform a contract with you
  .citation = Article 6(1)(b) GDPR
basis-legal_obligation = Legal obligation
  .citation = Article 6(1)(c) GDPR
basis-vital_interests = Vital interests
  .citation = Article 6(1)(d) GDPR
basis-public_task = A task in the public interest or the exercise of official authority
  .citation = Article 6(1)(e) GDPR
basis-legitimate_interests = Legitimate interests
  .citation = Article 6(1)(f) GDPR

art9-explicit_consent = Explicit consent
  .citation = Article 9(2)(a) GDPR
art9-employment_social_security = Obligations and rights in employment, social security and social protection law
  .citation = Article 9(2)(b) GDPR
art9-vital_interests = Vital interests
  .citation = Article 9(2)(c) GDPR
art9-not_for_profit = Activities of a not-for-profit body
  .citation = Article 9(2)(d) GDPR
art9-made_public = Data you have manifestly made public
  .citation = Article 9(2)(e) GDPR
art9-legal_claims = Establishing, exercising or defending legal claims
  .citation = Article 9(2)(f) GDPR
art9-substantial_public_interest = Substantial public interest
  .citation = Article 9(2)(g) GDPR
art9-health_or_social_care = Health or social care
  .citation = Article 9(2)(h) GDPR
art9-public_health = Public health
  .citation = Article 9(2)(i) GDPR
art9-archiving_research = Archiving, research or statistics
  .citation = Article 9(2)(j) GDPR

retention-from-collection = from collection
retention-from-end_of_contract = after the contract ends
retention-from-last_activity = after your last activity
retention-from-end_of_financial_year = after the end of the financial year
retention-from-case_closed = after the case is closed
retention-from-consent_withdrawal = after you withdraw consent
retention-from-recruitment_end = after the recruitment process ends

## v2: retention then deletion or anonymisation
retention-then-delete = Then we delete the data.
retention-then-anonymise = Then we anonymise the data, so that it can no longer be linked to you.
retention-remains = What remains

provision-voluntary = Voluntary.
provision-contractual = Required to enter into or carry out the contract.
provision-statutory = We need the data to meet a requirement set by law.
provision-obliged_by_law = You are required by law to give us the data.
automated-ground-contract = The decision is necessary to enter into or perform a contract with you (Article 22(2)(a) GDPR).
automated-ground-explicit_consent = The decision is based on your explicit consent (Article 22(2)(c) GDPR).
automated-ground-law = The decision is authorised by law, which also lays down measures to safeguard your rights, freedoms and legitimate interests (Article 22(2)(b) GDPR).

automated-heading = Automated decisions and profiling
automated-profiling = This involves profiling.
automated-solely = The decision is made by automated means alone, without any person involved.
automated-safeguards = You have the right to have a person review the decision, to express your point of view and to contest the decision (Article 22(3) GDPR).
automated-logic = How it works
automated-consequences = What it means for you

source-kind-data_subject = From you
source-kind-observed = Recorded when you use our services
source-kind-employer = From your employer
source-kind-third_party = From another organisation
source-kind-public_register = From a public register
source-kind-other = Other source

recipients-heading = Who receives personal data
recipients-intro-processors = Processors process personal data on our behalf and only on our instructions.
recipients-intro-controllers = Independent controllers are themselves responsible for their processing under data protection law.
recipients-intro-authorities = Public authorities process the data under the laws that apply to them.
recipients-intro-joint = Where we are joint controllers with a recipient, you can exercise your rights against each of us (Article 26(3) GDPR).
recipients-none = This statement names no recipients of personal data.

## v2: joint controllers (art. 26)
joint-heading = Joint controllers
joint-intro = We are joint controllers with these recipients: we decide together why and how the data is processed (Article 26 GDPR). Below is the essence of the arrangement with each of them (Article 26(2)). Whatever the arrangement says, you can exercise your rights in respect of and against each of us (Article 26(3)).
joint-arrangement-not-stated = This statement does not describe the essence of the arrangement.
diff-field-arrangement = the essence of the joint controller arrangement

recipient-kind-processor = Processor
recipient-kind-sub_processor = Sub-processor
recipient-kind-independent_controller = Independent controller
recipient-kind-joint_controller = Joint controller
recipient-kind-public_authority = Public authority
recipient-kind-group_company = Company in our group
recipients-table-caption = Recipients of personal data
col-recipient = Recipient
col-role = Role
col-service = Service
col-country = Country
col-activities = Used for
recipient-category-only = { $kind } (not named)
activity-recipients-none = We do not disclose this personal data to anyone else.
recipient-all-activities = All processing activities
place-not-stated = Not stated
region-EEA = EU/EEA
region-worldwide = Worldwide
transfers-country-not-stated = This statement does not say in which country these recipients process personal data:
recipient-privacy-policy = Privacy policy of { $name }
recipient-sub-of = Sub-processor for { $parent }

transfers-heading = Transfers outside the EEA
transfers-intro = The recipients below process personal data in countries outside the EU/EEA (third countries). We transfer personal data there only on the basis of a transfer mechanism under Chapter V of the GDPR.
transfers-intro-partial = The recipients below process personal data in countries outside the EU/EEA (third countries).
transfer-location = { $recipient } processes personal data outside the EU/EEA ({ $country }).
transfer-location-also = { $recipient } also processes personal data outside the EU/EEA ({ $country }).
transfers-none = We do not transfer personal data to countries outside the EU/EEA.
transfers-none-stated = This statement names no transfers of personal data to countries outside the EU/EEA.
## v2: transfers to a category of recipients or an international organisation
transfers-intro-general = { $how ->
    [possible] Personal data may be transferred
    [both] Personal data is or may be transferred
   *[certain] Personal data is transferred
  } outside the EU/EEA, { $to ->
    [organisations] to international organisations
    [both] to third countries or international organisations
   *[countries] to third countries
  }, as described below. We transfer personal data only on the basis of a transfer mechanism under Chapter V of the GDPR.
transfers-intro-general-partial = { $how ->
    [possible] Personal data may be transferred
    [both] Personal data is or may be transferred
   *[certain] Personal data is transferred
  } outside the EU/EEA, { $to ->
    [organisations] to international organisations
    [both] to third countries or international organisations
   *[countries] to third countries
  }, as described below.
transfer-possible = Personal data may be transferred to recipients in this category outside the EU/EEA ({ $country }).
transfer-possible-not-stated = Personal data may be transferred to recipients in this category outside the EU/EEA. This statement does not say to which countries.
transfer-possible-organisation = Personal data may be transferred to an international organisation ({ $organisation }).
transfer-organisation = Personal data is transferred to an international organisation ({ $organisation }).
transfer-mechanisms-several = Each transfer is based on one of these transfer mechanisms:
col-mechanism = Transfer mechanism
transfer-instrument = Instrument
transfer-measures = Supplementary measures
transfer-copy = Getting a copy
mechanism-adequacy = Adequacy decision
  .citation = Article 45 GDPR
  .explanation = The European Commission has decided that the country ensures an adequate level of protection.
  .organisation = The European Commission has decided that the international organisation ensures an adequate level of protection.
adequacy-us = The European Commission has decided that US organisations certified under the EU-US Data Privacy Framework ensure an adequate level of protection (Implementing Decision (EU) 2023/1795).
  .certified = The recipient is certified.
adequacy-ca = The European Commission has decided that Canada ensures an adequate level of protection for recipients subject to PIPEDA, the Canadian privacy act for the private sector (Decision 2002/2/EC).
  .covered = The recipient is subject to PIPEDA.
mechanism-scc = Standard contractual clauses
  .citation = Article 46(2)(c) GDPR
  .explanation = The transfer is based on an agreement with the recipient under the European Commission's standard contractual clauses, which oblige the recipient to protect the data.
mechanism-bcr = Binding corporate rules
  .citation = Article 47 GDPR
  .explanation = The recipient's group has binding corporate rules approved by a competent supervisory authority.
mechanism-code_of_conduct = Approved code of conduct
  .citation = Article 46(2)(e) GDPR
  .explanation = The recipient is bound by an approved code of conduct and has made binding and enforceable commitments to protect the data.
mechanism-certification = Approved certification
  .citation = Article 46(2)(f) GDPR
  .explanation = The recipient holds an approved certification and has made binding and enforceable commitments to protect the data.
mechanism-derogation = Derogation for a specific situation
  .citation = Article 49(1) GDPR
  .explanation = There is neither an adequacy decision nor appropriate safeguards for this transfer, so it relies on a derogation for a specific situation.

cookies-heading = Cookies
cookies-section-text = { $consent ->
    [0] { $count ->
        [one] Our website uses one cookie or similar technology, and it is strictly necessary.
       *[other] Our website uses { $words } cookies and similar technologies, all of them strictly necessary.
      }
   *[other] { $count ->
        [one] Our website uses one cookie or similar technology. It is not strictly necessary, so it requires your consent.
       *[other] Our website uses { $words } cookies and similar technologies. Those that are not strictly necessary require your consent.
      }
  }
## v2: cookie groups (an unknown number of cookies: no count)
cookies-section-text-groups = { $consent ->
    [0] Our website uses cookies and similar technologies, some of them declared as groups, not one by one. All of them are strictly necessary.
   *[other] Our website uses cookies and similar technologies, some of them declared as groups, not one by one. Those that are not strictly necessary require your consent.
  }
summary-cookies-marketing-groups = Some of them are used for marketing, that is, to measure and target advertising.
cookies-count-entries = { $count ->
    [one] one entry
   *[other] { $words } entries
  }
cookies-section-link = Read the cookie declaration

rights-heading = Your rights
rights-intro = You have these rights under the GDPR. Using them is free of charge. If a request is manifestly unfounded or excessive, in particular because it is repetitive, we may charge a reasonable fee or refuse to act on it (Article 12(5) GDPR).
right-access = Right of access
  .text = You can find out whether we process personal data about you and, if we do, get a copy of the data and information about how we process it (Article 15 GDPR).
right-rectification = Right to rectification
  .text = You can ask us to correct data about you that is wrong and to complete data that is incomplete (Article 16 GDPR).
right-erasure = Right to erasure
  .text = You can ask us to erase data about you, for example when we no longer need it, or when you withdraw your consent and we have no other ground for processing it. There are exceptions, for example when the law requires us to keep the data (Article 17 GDPR).
right-restriction = Right to restriction of processing
  .text = You can ask us to restrict the processing of your data: while we check whether the data is accurate, if you contest its accuracy; if the processing is unlawful but you do not want the data erased; if we no longer need the data but you need it to establish, exercise or defend a legal claim; and while we check whether our grounds override yours, if you have objected to the processing. While processing is restricted, we store the data but otherwise use it only where the rules allow it (Article 18 GDPR).
right-portability = Right to data portability
  .text = Where the processing is based on consent or on a contract with you and is carried out by automated means, you can receive the data you have provided to us in a structured, commonly used and machine-readable format. You can also ask us to transmit it directly to another controller, where technically feasible (Article 20 GDPR).
right-objection = Right to object
  .text = You have the right to object, on grounds relating to your particular situation, to processing based on legitimate interests or on a task in the public interest or the exercise of official authority. We will then stop, unless we can demonstrate compelling legitimate grounds that override your interests, rights and freedoms, or we need the data to establish, exercise or defend legal claims (Article 21(1) GDPR).
  .marketing = You can object at any time to the use of your data for direct marketing, including profiling related to such marketing. We will then stop using it for that purpose (Article 21(2) and (3) GDPR).
right-withdraw = Right to withdraw consent
  .text = Where the processing is based on consent, you can withdraw your consent at any time. Withdrawing must be as easy as giving consent. This does not affect the lawfulness of processing before you withdrew it (Article 7(3) GDPR).

## v2: limits to rights
right-limit = Limits to this right
rights-how-heading = How to use your rights
rights-channel-email = E-mail
rights-channel-web_form = Web form
rights-channel-postal = Letter
rights-channel-phone = Phone
rights-channel-in_app = In your account
rights-response-time = We answer without undue delay and in any event within { $time } of receiving your request.
rights-response-month = We answer without undue delay and in any event within one month of receiving your request.
rights-response-extension = If your request is complex, or we receive many requests, the period may be extended by up to two further months. We will then tell you about the extension and the reasons for it within one month of receiving your request (Article 12(3) GDPR).
rights-identity = Verifying your identity

complaints-heading = Complaints
complaints-text = If you think we process your personal data in breach of data protection law, you can complain to { $authority }. You can also complain to the supervisory authority in the EEA country where you live or work, or where you believe the infringement took place (Article 77(1) GDPR). We would like you to contact us first, so that we can try to find a solution.
authority-postal = Postal address
authority-website = Website
authority-complaint = How to complain to { $authority }

## v2: supervisory authorities (lead authority, others)
complaints-lead = Our lead supervisory authority (Article 56 GDPR) is { $authority }.
complaints-others = { $count ->
    [one] You can also complain to this supervisory authority:
   *[other] You can also complain to these supervisory authorities:
  }
diff-field-authority = which supervisory authority you can complain to
diff-field-lead = whether it is our lead supervisory authority
diff-field-others = the other supervisory authorities we name

security-heading = Security
security-intro = We protect personal data with technical and organisational measures. These include:
children-heading = Children
children-min-age = Our services are not intended for children under { $age }.
changes-heading = Changes to this statement
changes-advance = { $days ->
    [one] We announce material changes at least one day before they take effect.
   *[other] We announce material changes at least { $words } days before they take effect.
  }
changes-current = This is version { $version }, effective from { $date }.

## Cookie declaration
cookie-page-title = Cookie declaration
cookie-page-heading = Cookie declaration for { $org }
cookie-page-description = The cookies and similar technologies { $org } uses, what they are for and how long they are kept.
cookies-intro = Cookies are small text files that a website stores in your browser. The rules on cookies also cover similar technologies that store or read information on your device, such as local storage and pixels.
cookies-intro-list = This page lists the cookies and similar technologies our website uses, who sets them, what they are for and how long they are kept.
consent-heading = Your choice
cookies-consent-rule = Strictly necessary cookies can be set without consent, because they are needed to provide the service you have asked for. All others require your consent.
change-heading = Changing or withdrawing your consent
browser-heading = Deleting cookies in your browser
cookies-browser-text = You can delete stored cookies and block new ones in your browser's settings.
cookies-browser-necessary = If you block strictly necessary cookies, parts of the website stop working.
cookies-last-reviewed = We last reviewed this list on { $date }.
cookies-none = This declaration lists no cookies or similar technologies.
cookies-count = { $count ->
    [one] one cookie
   *[other] { $words } cookies
  }
cookie-category-strictly_necessary = Strictly necessary
  .description = These cookies are strictly necessary to provide the service you have asked for, so they are set without consent.
cookie-category-preferences = Preferences
  .description = These cookies remember your choices, so that the website works the way you want.
cookie-category-statistics = Statistics
  .description = These cookies help us understand how the website is used, so that we can improve it.
cookie-category-marketing = Marketing
  .description = These cookies are used to measure and target advertising.
cookie-category-consent-only = We set them only if you consent.
cookie-category-third-party = Some of them are set by other companies (third parties), which can recognise your browser on other websites too.
col-name = Name
col-provider = Provider
col-purpose = Purpose
col-duration = Duration
col-type = Technology
party-first = first party
party-third = third party
cookie-third-party-unnamed = A third party (not named)
cookie-first-party-provider = Set on our domain (first party) – the data goes to { $provider }
cookie-pixel-duration = Stores nothing on your device
## v2: cookie groups
cookie-group-unnamed = a group, not named one by one
technology-http_cookie = Cookie
technology-local_storage = Local storage
technology-session_storage = Session storage
# same-in-all-languages (a product name)
technology-indexed_db = IndexedDB
technology-pixel = Pixel
technology-fingerprint = Fingerprinting
technology-sdk_identifier = App identifier
## v2: server-side requests
technology-server_request = Request from our server
cookie-domain = Domain
cookie-data = Stores
cookie-activity = Processing activity
cookie-pattern = name pattern: * stands for any text

## Root page
index-heading = Privacy at { $org }
index-intro = Choose a language.

## Changelog and versions
slug-changelog = changes
slug-versions = versions
changelog-title = Changes to the privacy statement
changelog-heading = Changes to the privacy statement of { $org }
changelog-description = Every version of { $org }'s privacy statement and what changed.
changelog-intro = Each version lists what changed from the version before.
changelog-version = Version { $version }
changelog-dates = Published { $published }, effective from { $effective }.
changelog-first = The first published version.
changelog-read = Read version { $version }
changelog-feed = Subscribe to changes (Atom feed)
changelog-link = See all versions and what changed
release-status-upcoming = Upcoming
release-status-current = In force
release-status-superseded = Superseded
change-material = Material change
change-quoted = “{ $text }”
change-added-recipients = { $count ->
    [one] New recipient for “{ $name }”: { $items }.
   *[other] New recipients for “{ $name }”: { $items }.
  }
change-removed-recipients = { $count ->
    [one] “{ $name }” no longer has the recipient { $items }.
   *[other] “{ $name }” no longer has the recipients { $items }.
  }
change-added-data_categories = { $count ->
    [one] We now also process this personal data for “{ $name }”: { $items }.
   *[other] We now also process these kinds of personal data for “{ $name }”: { $items }.
  }
change-removed-data_categories = { $count ->
    [one] We no longer process this personal data for “{ $name }”: { $items }.
   *[other] We no longer process these kinds of personal data for “{ $name }”: { $items }.
  }
change-added-data_subjects = “{ $name }” now also concerns { $items }.
change-removed-data_subjects = “{ $name }” no longer concerns { $items }.
change-added-sources = { $count ->
    [one] New source of the data for “{ $name }”: { $items }.
   *[other] New sources of the data for “{ $name }”: { $items }.
  }
change-removed-sources = We no longer get data for “{ $name }” from { $items }.
diff-field-last_reviewed = the date of the last review
diff-field-note = the additional information
diff-field-consent = how we ask for consent
diff-field-role = the contact's role
diff-field-consent_cookie = the cookie that stores your choice
diff-field-announcement = how we announce changes
diff-field-description = the description
## v2: glossary
diff-field-glossary = the definitions
## v2: transfers
diff-field-mechanisms = transfer mechanisms
diff-field-international_organisation = international organisation
diff-field-recipients_category = category of recipients
changelog-material-heading = Material changes
changelog-other-heading = Other changes
changelog-short-notice = These changes were announced with less notice than we promise. The reason: { $reason }
change-retention = We now keep the data for “{ $name }” for { $new } instead of { $old }.
change-national-ground = For “{ $name }” the statement now gives the rule of the Marketing Control Act (markedsføringsloven § 15) for marketing by e-mail: { $ground ->
    [marketing_act_consent] only with your prior consent.
   *[marketing_act_existing_customer] to existing customers, who can refuse it in every message.
}
change-arrangement-added = The statement now describes the essence of the joint-controller arrangement with “{ $name }”.
change-retention-then = The statement now says what happens when the retention period for “{ $name }” ends: { $then ->
    [anonymise] we anonymise the data.
   *[delete] we delete the data.
}
change-cookie-duration = The cookie “{ $name }” is now stored for { $new } instead of { $old }.
change-legal-basis = The legal basis for “{ $name }” is now “{ $new }” instead of “{ $old }”.
change-transfer-mechanism = Transfers to { $name } now rely on “{ $new }” instead of “{ $old }”.
change-recipient-country = “{ $name }” is now established in { $new } instead of { $old }.
change-cookie-category = The cookie “{ $name }” is now in the category “{ $new }” instead of “{ $old }”.
change-response-time = We now answer requests about your rights within { $new } instead of { $old }.
change-automated-decision = { $which ->
    [profiling] “{ $name }” now involves profiling.
    [automated] “{ $name }” now involves decisions based solely on automated processing.
   *[both] “{ $name }” now involves profiling and decisions based solely on automated processing.
}
## v2: cookie lifetimes that are not one period
change-cookie-lifetime = The lifetime of “{ $name }” has changed from “{ $old }” to “{ $new }”.
change-new-purpose = New purpose for “{ $name }”: { $item }
change-removed-purpose = Purpose no longer pursued in “{ $name }”: { $item }
change-added = { $what } “{ $name }” was added.
change-removed = { $what } “{ $name }” was removed.
change-changed = { $what } “{ $name }” has changed. The change concerns { $fields }.
change-changed-table = { $what } has changed. The change concerns { $fields }.
change-field-value = { $field } ({ $old } → { $new })
archived-superseded = This is version { $version }, which is no longer in force. <a href="{ $url }">Read the current version</a>.
archived-upcoming = This is version { $version }, which takes effect on { $date }. <a href="{ $url }">Read the version in force now</a>.
archived-current = This is version { $version }, the version in force.
upcoming-banner = A new version ({ $version }) takes effect on { $date }. <a href="{ $url }">See what changes</a>.
entity-activities = The processing activity
entity-recipients = The recipient
entity-transfers = The transfer
entity-cookies = The cookie
## v2: cookie groups
entity-cookies-group = The cookie group
entity-data_categories = The data category
entity-data_subjects = The group of data subjects
entity-sources = The data source
entity-processor_contexts = The processor service
entity-sections = The section
entity-rights-channels = The channel for exercising rights
entity-controller = The controller details
entity-privacy_contact = The privacy contact
entity-supervisory_authority = The supervisory authority
entity-rights = The information about your rights
entity-cookie_policy = The information about cookie consent
entity-security = The security information
entity-children = The information about children
entity-changes = The information about changes
entity-document = The information about this statement
diff-field-name = name
diff-field-purposes = purpose
diff-field-data_categories = personal data
diff-field-data_subjects = whose data
diff-field-sources = sources
diff-field-legal_basis = legal basis
diff-field-legitimate_interest = legitimate interest
diff-field-retention = retention period
diff-field-recipients = recipients
diff-field-country = country
diff-field-data_locations = where data is stored
diff-field-kind = role
diff-field-service = service
diff-field-mechanism = transfer mechanism
diff-field-category = category
diff-field-duration = duration
diff-field-purpose = purpose
diff-field-provision = whether you must give the data
diff-field-automated_decision = automated decisions
diff-field-consent_withdrawal = how to withdraw consent
diff-field-address = the address
diff-field-addresses = the addresses
diff-field-all_activities = whether it receives data from all processing
diff-field-category_only = whether only the category is shown
diff-field-copy = how to get a copy of the safeguards
diff-field-criminal = whether it concerns criminal convictions and offences
diff-field-special = whether it is a special category of personal data
diff-field-special_category_condition = the exception for special categories
diff-field-instrument = the transfer instrument
diff-field-supplementary_measures = the supplementary measures
diff-field-legal_name = the legal name
diff-field-trade_name = the trade name
diff-field-org_number = the organisation number
diff-field-legal_reference = the legal reference
diff-field-parent = which processor it works for
diff-field-party = whether it is first or third party
diff-field-privacy_policy = the link to their privacy policy
diff-field-provider = the provider
diff-field-publicly_accessible = whether it is publicly accessible
diff-field-examples = the examples
diff-field-label = the label
diff-field-email = the e-mail address
diff-field-phone = the phone number
diff-field-website = the website
diff-field-domain = the domain
diff-field-response_time = the response time
diff-field-identity_verification = how we verify your identity
diff-field-representative = the representative
diff-field-dpo_appointed = whether we have a data protection officer
diff-field-supervisory_authority = the supervisory authority
diff-field-security = the security measures
diff-field-min_age = the age limit
diff-field-hosts = the host names
diff-field-activity = the processing activity
diff-field-recipient = the recipient
diff-field-title = the title
diff-field-body = the text
diff-field-customers = the customers
diff-field-last_modified = the date of the last change
diff-field-other = other details

## v2: legal basis per purpose, national grounds, disclosures, limits to rights
diff-field-bases = the legal basis of each purpose
diff-field-national_ground = the rules for marketing by e-mail
diff-field-disclosures = other disclosures
diff-field-limits = the limits to your rights
feed-title = { $org }: changes to the privacy statement
feed-entry = Version { $version }, effective from { $date }
