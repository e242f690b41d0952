# Norske tekster (bokmål) for standardtemaet. Alle setninger malene viser,
# kommer herfra (eller fra nettstedets egne locales/nb/*.ftl, som overstyrer
# meldinger med samme id). Begrepene følger Datatilsynets bruk.

## Språkinnstillinger
meta-date-locale = nb
language-name = Norsk (bokmål)
slug-privacy = personvern
slug-cookies = informasjonskapsler
list-and = { $first } og { $last }
# Tall i løpende tekst: med bokstaver til og med tolv, ellers med sifre.
number = { $n ->
    [0] null
    [1] én
    [2] to
    [3] tre
    [4] fire
    [5] fem
    [6] seks
    [7] sju
    [8] åtte
    [9] ni
    [10] ti
    [11] elleve
    [12] tolv
   *[other] { $n }
  }
# The same at the start of a sentence (templates use it up to twelve).
number-start = { $n ->
    [1] Én
    [2] To
    [3] Tre
    [4] Fire
    [5] Fem
    [6] Seks
    [7] Sju
    [8] Åtte
    [9] Ni
    [10] Ti
    [11] Elleve
    [12] Tolv
   *[other] { $n }
  }

## Varighet (flertallsformer etter CLDR via Fluent)
duration-years = { $n ->
    [one] { $n } år
   *[other] { $n } år
  }
duration-months = { $n ->
    [one] { $n } måned
   *[other] { $n } måneder
  }
duration-weeks = { $n ->
    [one] { $n } uke
   *[other] { $n } uker
  }
duration-days = { $n ->
    [one] { $n } dag
   *[other] { $n } dager
  }
duration-hours = { $n ->
    [one] { $n } time
   *[other] { $n } timer
  }
duration-minutes = { $n ->
    [one] { $n } minutt
   *[other] { $n } minutter
  }
duration-seconds = { $n ->
    [one] { $n } sekund
   *[other] { $n } sekunder
  }
duration-session = Til du lukker nettleseren

## v2: cookie groups and lifetimes without one period
duration-range = Fra { $min } til { $max }
duration-varies = Varierer

## Sideramme
skip-to-content = Gå til innholdet
nav-label = Personvernsider
nav-privacy = Personvernerklæring
nav-cookies = Informasjonskapsler
language-switcher-label = Språk
version-line = Versjon { $version }, gjelder fra { $date }
last-reviewed = Sist gjennomgått { $date }.
last-modified = Sist endret { $date }.
toc-heading = Innhold
back-to-contents = Til innholdsfortegnelsen
footer-contact = Spørsmål om personvern? Skriv til { $email }.
footer-published = Denne siden er laget fra personverndataene til { $org }.

## Personvernerklæring
privacy-title = Personvernerklæring
privacy-heading = Personvernerklæring for { $org }
privacy-description = Slik behandler { $org } personopplysninger, og dette er dine rettigheter.
privacy-scope = Hva erklæringen gjelder

summary-heading = Kort fortalt
summary-who = Hvem som er ansvarlig
summary-who-text = { $org } er behandlingsansvarlig: vi bestemmer hvorfor og hvordan personopplysningene dine behandles.
summary-what = Hva vi samler inn, og hvorfor
summary-what-text = Vi behandler personopplysninger til disse formålene:
summary-recipients = Hvem som får opplysningene
summary-recipients-text = { $count ->
    [one] Vi deler personopplysninger med én mottaker.
   *[other] Vi deler personopplysninger med { $words } mottakere.
  }
summary-processors-all = { $count ->
    [one] Mottakeren er en databehandler som behandler opplysningene på våre vegne.
   *[other] Alle er databehandlere som behandler opplysningene på våre vegne.
  }
summary-processors-some = { $count ->
    [one] Én av dem er en databehandler som behandler opplysningene på våre vegne.
   *[other] { $form ->
        [start] { $words } av dem er databehandlere som behandler opplysningene på våre vegne.
       *[inside] Av dem er { $words } databehandlere som behandler opplysningene på våre vegne.
      }
  }
summary-transfers-text = { $count ->
    [one] Én av mottakerne behandler opplysninger utenfor EØS.
   *[other] { $form ->
        [start] { $words } av mottakerne behandler opplysninger utenfor EØS.
       *[inside] Av mottakerne behandler { $words } opplysninger utenfor EØS.
      }
  }
summary-transfers-covered = { $count ->
    [one] Hvilket overføringsgrunnlag vi bruker, står under «{ transfers-heading }».
   *[other] Hvilket overføringsgrunnlag vi bruker for hver av dem, står under «{ transfers-heading }».
  }
## v2: transfers to a category of recipients
summary-transfers-possible = { $count ->
    [one] Personopplysninger kan også bli overført ut av EØS til kategorien av mottakere som er beskrevet under «{ transfers-heading }».
   *[other] Personopplysninger kan også bli overført ut av EØS til kategoriene av mottakere som er beskrevet under «{ transfers-heading }».
  }
summary-retention = Hvor lenge vi lagrer
summary-retention-range = Fra { $min } til { $max }, avhengig av formålet. Når lagringstiden er ute, sletter eller anonymiserer vi opplysningene.
summary-retention-text = Lagringstiden står under hver behandling nedenfor.
summary-rights = Dine rettigheter
summary-rights-text = { $portability ->
    [true] Du kan be om innsyn i opplysningene dine og be oss rette eller slette dem, begrense behandlingen av dem eller utlevere dem til deg eller en annen virksomhet (dataportabilitet). Det er gratis, med mindre en henvendelse er åpenbart grunnløs eller urimelig.
   *[other] Du kan be om innsyn i opplysningene dine og be oss rette eller slette dem eller begrense behandlingen av dem. Det er gratis, med mindre en henvendelse er åpenbart grunnløs eller urimelig.
  }
summary-withdraw-text = Har du samtykket til en behandling, kan du når som helst trekke samtykket tilbake.
summary-objection-text = Du kan protestere mot behandling som bygger på berettiget interesse (interesseavveining) eller på en oppgave i allmennhetens interesse, av grunner som gjelder din særlige situasjon. Mot direkte markedsføring kan du alltid protestere.
summary-automated-item = { $kind ->
    [solely_profiling] helautomatisk avgjørelse med profilering
    [solely] helautomatisk avgjørelse
    [profiling] profilering
   *[other] automatisert behandling
  }
summary-cookies-marketing = { $count ->
    [one] Én av informasjonskapslene brukes til markedsføring, det vil si til å måle og målrette annonser.
   *[other] { $form ->
        [start] { $words } av informasjonskapslene brukes til markedsføring, det vil si til å måle og målrette annonser.
       *[inside] Av informasjonskapslene brukes { $words } til markedsføring, det vil si til å måle og målrette annonser.
      }
  }
summary-complaint = Slik klager du
summary-complaint-text = Du kan klage til { $authority }.

## v2: glossary
# [document] glossary: omskrivinger av personvernforordningen artikkel 4 nr. 1,
# 2, 7 og 8 og artikkel 9 nr. 1, med begrepene i den norske teksten av
# forordningen og Datatilsynets.
glossary-heading = Definisjoner
glossary-intro = Vi bruker disse begrepene slik de er definert i personvernforordningen. Forklaringene nedenfor er et sammendrag av definisjonene; det er ordlyden i forordningen som gjelder.
glossary-personal_data = Personopplysninger
  .definition = Enhver opplysning om en identifisert eller identifiserbar fysisk person (den registrerte). En person er identifiserbar hvis personen direkte eller indirekte kan identifiseres, særlig ved hjelp av en identifikator, for eksempel et navn, et identifikasjonsnummer, lokaliseringsopplysninger eller en nettidentifikator, eller ett eller flere elementer som er spesifikke for personens fysiske, fysiologiske, genetiske, psykiske, økonomiske, kulturelle eller sosiale identitet.
  .citation = personvernforordningen artikkel 4 nr. 1
glossary-processing = Behandling
  .definition = Enhver operasjon eller rekke operasjoner som gjøres med personopplysninger, enten automatisert eller ikke, for eksempel innsamling, registrering, organisering, strukturering, lagring, tilpasning eller endring, gjenfinning, konsultering, bruk, utlevering ved overføring, spredning eller alle andre former for tilgjengeliggjøring, sammenstilling eller samkjøring, begrensning, sletting eller tilintetgjøring.
  .citation = personvernforordningen artikkel 4 nr. 2
glossary-controller = Behandlingsansvarlig
  .definition = En fysisk eller juridisk person, en offentlig myndighet, en institusjon eller et annet organ som alene eller sammen med andre bestemmer formålet med behandlingen av personopplysninger og hvilke midler som skal brukes.
  .citation = personvernforordningen artikkel 4 nr. 7
glossary-processor = Databehandler
  .definition = En fysisk eller juridisk person, en offentlig myndighet, en institusjon eller et annet organ som behandler personopplysninger på vegne av den behandlingsansvarlige.
  .citation = personvernforordningen artikkel 4 nr. 8
glossary-special_categories = Særlige kategorier av personopplysninger
  .definition = Personopplysninger om rasemessig eller etnisk opprinnelse, politisk oppfatning, religion, filosofisk overbevisning eller fagforeningsmedlemskap, genetiske opplysninger, biometriske opplysninger som brukes for å entydig identifisere en fysisk person, helseopplysninger og opplysninger om en fysisk persons seksuelle forhold eller seksuelle orientering. Det er forbudt å behandle slike opplysninger, med mindre ett av vilkårene i artikkel 9 nr. 2 er oppfylt.
  .citation = personvernforordningen artikkel 9 nr. 1

controller-heading = Hvem som er ansvarlig
controller-intro = { $org } er behandlingsansvarlig for behandlingen som er beskrevet i denne erklæringen.
org-number = Organisasjonsnummer
address-visiting = Besøksadresse
address-postal = Postadresse
address-registered = Forretningsadresse
address-invoice = Fakturaadresse
address = Adresse
contact-email = E-post
contact-phone = Telefon
contact-website = Nettsted
privacy-contact-heading = Kontakt om personvern
dpo-appointed = Vi har oppnevnt personvernombud. Du kan kontakte personvernombudet om alt som gjelder behandlingen av personopplysningene dine.
dpo-not-appointed = Vi har ikke oppnevnt personvernombud.
privacy-contact-role = Spørsmål om personvern kan du rette til vår kontaktperson for personvern ({ $role }).
privacy-contact-norole = Spørsmål om personvern kan du rette til vår kontaktperson for personvern.
dpo-name = Personvernombud
contact-name = Navn
contact-role = Rolle
representative-heading = Vår representant i EØS

processor-contexts-heading = Når vi behandler opplysninger for kundene våre
processor-intro = I tjenestene nedenfor behandler vi personopplysninger bare på vegne av kundene våre. Da er kunden behandlingsansvarlig, og vi er databehandler. Denne erklæringen gjelder ikke den behandlingen: les kundens egen personvernerklæring, og kontakt kunden for å bruke rettighetene dine.
processor-customers = Kunder

## v2: processor contexts (data and sectors)
processor-data = Personopplysninger vi behandler for kundene i denne tjenesten
processor-sectors = Kundenes bransjer
diff-field-sectors = kundenes bransjer

activities-heading = Hva vi behandler, og hvorfor
activities-intro = { $complete ->
    [true] Hver behandling er beskrevet nedenfor: formålet, hvilke personopplysninger vi bruker, behandlingsgrunnlaget, hvor lenge vi lagrer opplysningene, og hvem som mottar dem.
   *[other] Hver behandling er beskrevet nedenfor, med formål og behandlingsgrunnlag.
  }
activities-none = Denne erklæringen beskriver ingen behandlinger.
field-purposes = Formål
field-data = Personopplysninger
field-subjects = Hvem det gjelder
field-sources = Hvor opplysningene kommer fra
field-basis = Behandlingsgrunnlag
field-legitimate-interest = Vår berettigede interesse
field-legal-reference = Lovkrav
field-special-condition = Grunnlag for å behandle særlige kategorier
field-retention = Lagringstid
field-recipients = Mottakere
field-provision = Må du gi oss opplysningene?
field-automated = Automatiserte avgjørelser og profilering
field-withdraw = Slik trekker du samtykket tilbake
field-cookies = Informasjonskapsler som brukes
field-note = Merknad

## v2: legal basis per purpose, national grounds beside it, disclosures
basis-applies-to = Gjelder
basis-all-purposes = Alle formålene ovenfor
field-national-ground = Markedsføring på e-post
national-ground-marketing_act_existing_customer = Når du er kunde hos oss og vi har fått e-postadressen din i forbindelse med et kjøp, kan vi sende deg markedsføring på e-post uten å spørre om samtykke først, men bare om våre egne varer og tjenester som tilsvarer dem du har kjøpt. Du kan når som helst reservere deg mot slik markedsføring, enkelt og gratis, også i hver e-post vi sender (markedsføringsloven § 15).
national-ground-marketing_act_consent = Vi sender deg markedsføring på e-post bare hvis du har samtykket til det på forhånd (markedsføringsloven § 15).
field-disclosures = Annen utlevering
disclosure-business_transfer = Hvis vi selger, fusjonerer eller overdrar hele eller deler av virksomheten, kan vi utlevere personopplysninger til kjøperen eller en mulig kjøper og deres rådgivere, i den grad det er nødvendig for transaksjonen. Grunnlaget er vår berettigede interesse i å gjennomføre transaksjonen (personvernforordningen artikkel 6 nr. 1 bokstav f).
disclosure-legal_claims = Vi kan utlevere personopplysninger til domstoler, advokater eller motparten når det er nødvendig for å fastsette, gjøre gjeldende eller forsvare rettskrav. Grunnlaget er vår berettigede interesse i å ivareta vår rettsstilling (personvernforordningen artikkel 6 nr. 1 bokstav f).
disclosure-legal_claims-special = For særlige kategorier av personopplysninger er vilkåret at behandlingen er nødvendig for å fastsette, gjøre gjeldende eller forsvare rettskrav (personvernforordningen artikkel 9 nr. 2 bokstav f).

special-category-note = Omfatter særlige kategorier av personopplysninger (personvernforordningen artikkel 9).
criminal-note = Omfatter personopplysninger om straffedommer og lovovertredelser (personvernforordningen artikkel 10).
source-public = offentlig tilgjengelig

basis-consent = Samtykke
  .citation = personvernforordningen artikkel 6 nr. 1 bokstav a
basis-contract = Nødvendig for å inngå eller oppfylle en avtale med deg
  .citation = personvernforordningen artikkel 6 nr. 1 bokstav b
basis-legal_obligation = Rettslig forpliktelse
  .citation = personvernforordningen artikkel 6 nr. 1 bokstav c
basis-vital_interests = Vitale interesser
  .citation = personvernforordningen artikkel 6 nr. 1 bokstav d
basis-public_task = Oppgave i allmennhetens interesse eller utøvelse av offentlig myndighet
  .citation = personvernforordningen artikkel 6 nr. 1 bokstav e
basis-legitimate_interests = Interesseavveining – berettiget interesse
  .citation = personvernforordningen artikkel 6 nr. 1 bokstav f

art9-explicit_consent = Uttrykkelig samtykke
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav a
art9-employment_social_security = Plikter og rettigheter etter arbeidsrett, trygderett og sosialrett
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav b
art9-vital_interests = Vitale interesser
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav c
art9-not_for_profit = Virksomhet i en ideell organisasjon
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav d
art9-made_public = Opplysninger du åpenbart selv har offentliggjort
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav e
art9-legal_claims = Fastsette, gjøre gjeldende eller forsvare rettskrav
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav f
art9-substantial_public_interest = Viktige allmenne interesser
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav g
art9-health_or_social_care = Helse- og omsorgstjenester
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav h
art9-public_health = Folkehelse
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav i
art9-archiving_research = Arkiv, forskning eller statistikk
  .citation = personvernforordningen artikkel 9 nr. 2 bokstav j

retention-from-collection = fra innsamlingen
retention-from-end_of_contract = etter at avtalen er avsluttet
retention-from-last_activity = etter at du sist var aktiv
retention-from-end_of_financial_year = etter utgangen av regnskapsåret
retention-from-case_closed = etter at saken er avsluttet
retention-from-consent_withdrawal = etter at du har trukket tilbake samtykket
retention-from-recruitment_end = etter at rekrutteringsprosessen er avsluttet

## v2: retention then deletion or anonymisation
retention-then-delete = Deretter sletter vi opplysningene.
retention-then-anonymise = Deretter anonymiserer vi opplysningene, slik at de ikke lenger kan knyttes til deg.
retention-remains = Det som blir igjen

provision-voluntary = Frivillig.
provision-contractual = Nødvendig for å inngå eller gjennomføre avtalen.
provision-statutory = Vi trenger opplysningene for å oppfylle et krav i lov.
provision-obliged_by_law = Du har plikt etter loven til å gi oss opplysningene.
automated-ground-contract = Avgjørelsen er nødvendig for å inngå eller oppfylle en avtale med deg (personvernforordningen artikkel 22 nr. 2 bokstav a).
automated-ground-explicit_consent = Avgjørelsen bygger på ditt uttrykkelige samtykke (personvernforordningen artikkel 22 nr. 2 bokstav c).
automated-ground-law = Avgjørelsen er hjemlet i lov, som også fastsetter tiltak for å verne dine rettigheter, friheter og berettigede interesser (personvernforordningen artikkel 22 nr. 2 bokstav b).

automated-heading = Automatiserte avgjørelser og profilering
automated-profiling = Behandlingen omfatter profilering.
automated-solely = Avgjørelsen tas helautomatisk, uten at noe menneske er involvert.
automated-safeguards = Du har rett til å få et menneske til å vurdere saken, til å gi uttrykk for ditt syn og til å bestride avgjørelsen (personvernforordningen artikkel 22 nr. 3).
automated-logic = Slik fungerer det
automated-consequences = Hva det betyr for deg

source-kind-data_subject = Fra deg
source-kind-observed = Registreres når du bruker tjenestene våre
source-kind-employer = Fra arbeidsgiveren din
source-kind-third_party = Fra en annen virksomhet
source-kind-public_register = Fra et offentlig register
source-kind-other = Annen kilde

recipients-heading = Hvem som mottar personopplysninger
recipients-intro-processors = Databehandlere behandler personopplysninger på våre vegne og bare etter våre instrukser.
recipients-intro-controllers = Selvstendig behandlingsansvarlige er selv ansvarlige for sin behandling etter personvernregelverket.
recipients-intro-authorities = Offentlige myndigheter behandler opplysningene etter de lovene som gjelder for dem.
recipients-intro-joint = Når vi er felles behandlingsansvarlige med en mottaker, kan du bruke rettighetene dine overfor hver av oss (personvernforordningen artikkel 26 nr. 3).
recipients-none = Denne erklæringen nevner ingen mottakere av personopplysninger.

## v2: joint controllers (art. 26)
joint-heading = Felles behandlingsansvar
joint-intro = Vi er felles behandlingsansvarlige med disse mottakerne: vi bestemmer sammen formålet med behandlingen og hvordan den skal gjøres (personvernforordningen artikkel 26). Nedenfor står hovedinnholdet i ordningen med hver av dem (artikkel 26 nr. 2). Uansett hva ordningen sier, kan du bruke rettighetene dine overfor hver av oss (artikkel 26 nr. 3).
joint-arrangement-not-stated = Denne erklæringen beskriver ikke hovedinnholdet i ordningen.
diff-field-arrangement = hovedinnholdet i ordningen for felles behandlingsansvar

recipient-kind-processor = Databehandler
recipient-kind-sub_processor = Underdatabehandler
recipient-kind-independent_controller = Selvstendig behandlingsansvarlig
recipient-kind-joint_controller = Felles behandlingsansvarlig
recipient-kind-public_authority = Offentlig myndighet
recipient-kind-group_company = Selskap i samme konsern
recipients-table-caption = Mottakere av personopplysninger
col-recipient = Mottaker
col-role = Rolle
col-service = Tjeneste
col-country = Land
col-activities = Brukes til
recipient-category-only = { $kind } (ikke navngitt)
activity-recipients-none = Vi utleverer ikke disse personopplysningene til andre.
recipient-all-activities = Alle behandlingsaktiviteter
place-not-stated = Ikke oppgitt
region-EEA = EU/EØS
region-worldwide = Hele verden
transfers-country-not-stated = Denne erklæringen oppgir ikke i hvilket land disse mottakerne behandler personopplysninger:
recipient-privacy-policy = Personvernerklæringen til { $name }
recipient-sub-of = Underdatabehandler for { $parent }

transfers-heading = Overføring til land utenfor EØS
transfers-intro = Mottakerne nedenfor behandler personopplysninger i land utenfor EU/EØS (tredjeland). Vi overfører personopplysninger dit bare med et overføringsgrunnlag etter personvernforordningen kapittel V.
transfers-intro-partial = Mottakerne nedenfor behandler personopplysninger i land utenfor EU/EØS (tredjeland).
transfer-location = { $recipient } behandler personopplysninger utenfor EU/EØS ({ $country }).
transfer-location-also = { $recipient } behandler også personopplysninger utenfor EU/EØS ({ $country }).
transfers-none = Vi overfører ikke personopplysninger til land utenfor EU/EØS.
transfers-none-stated = Denne erklæringen nevner ingen overføringer av personopplysninger til land utenfor EU/EØS.
## v2: transfers to a category of recipients or an international organisation
transfers-intro-general = { $how ->
    [possible] Personopplysninger kan bli overført
    [both] Personopplysninger blir eller kan bli overført
   *[certain] Personopplysninger blir overført
  } ut av EU/EØS, { $to ->
    [organisations] til internasjonale organisasjoner
    [both] til tredjeland eller internasjonale organisasjoner
   *[countries] til tredjeland
  }, slik det står nedenfor. Vi overfører personopplysninger bare med et overføringsgrunnlag etter personvernforordningen kapittel V.
transfers-intro-general-partial = { $how ->
    [possible] Personopplysninger kan bli overført
    [both] Personopplysninger blir eller kan bli overført
   *[certain] Personopplysninger blir overført
  } ut av EU/EØS, { $to ->
    [organisations] til internasjonale organisasjoner
    [both] til tredjeland eller internasjonale organisasjoner
   *[countries] til tredjeland
  }, slik det står nedenfor.
transfer-possible = Personopplysninger kan bli overført til mottakere i denne kategorien utenfor EU/EØS ({ $country }).
transfer-possible-not-stated = Personopplysninger kan bli overført til mottakere i denne kategorien utenfor EU/EØS. Denne erklæringen oppgir ikke til hvilke land.
transfer-possible-organisation = Personopplysninger kan bli overført til en internasjonal organisasjon ({ $organisation }).
transfer-organisation = Personopplysninger blir overført til en internasjonal organisasjon ({ $organisation }).
transfer-mechanisms-several = Hver overføring bygger på ett av disse overføringsgrunnlagene:
col-mechanism = Overføringsgrunnlag
transfer-instrument = Henvisning
transfer-measures = Tilleggstiltak
transfer-copy = Slik får du en kopi
mechanism-adequacy = Adekvansbeslutning
  .citation = personvernforordningen artikkel 45
  .explanation = EU-kommisjonen har fastslått at landet har et tilstrekkelig beskyttelsesnivå.
  .organisation = EU-kommisjonen har fastslått at den internasjonale organisasjonen har et tilstrekkelig beskyttelsesnivå.
adequacy-us = EU-kommisjonen har fastslått at virksomheter i USA som er sertifisert under EU-US Data Privacy Framework, har et tilstrekkelig beskyttelsesnivå (gjennomføringsbeslutning (EU) 2023/1795).
  .certified = Mottakeren er sertifisert.
adequacy-ca = EU-kommisjonen har fastslått at Canada har et tilstrekkelig beskyttelsesnivå for mottakere som er omfattet av PIPEDA, den kanadiske personvernloven for næringslivet (beslutning 2002/2/EF).
  .covered = Mottakeren er omfattet av PIPEDA.
mechanism-scc = Standard personvernbestemmelser
  .citation = personvernforordningen artikkel 46 nr. 2 bokstav c
  .explanation = Overføringen bygger på en avtale med mottakeren etter EU-kommisjonens standard personvernbestemmelser, som forplikter mottakeren til å beskytte opplysningene.
mechanism-bcr = Bindende virksomhetsregler
  .citation = personvernforordningen artikkel 47
  .explanation = Konsernet mottakeren hører til, har bindende virksomhetsregler som er godkjent av en kompetent tilsynsmyndighet.
mechanism-code_of_conduct = Godkjente atferdsnormer
  .citation = personvernforordningen artikkel 46 nr. 2 bokstav e
  .explanation = Mottakeren er bundet av godkjente atferdsnormer og har påtatt seg bindende og håndhevbare forpliktelser til å beskytte opplysningene.
mechanism-certification = Godkjent sertifisering
  .citation = personvernforordningen artikkel 46 nr. 2 bokstav f
  .explanation = Mottakeren har en godkjent sertifisering og har påtatt seg bindende og håndhevbare forpliktelser til å beskytte opplysningene.
mechanism-derogation = Unntak for særlige situasjoner
  .citation = personvernforordningen artikkel 49 nr. 1
  .explanation = Det finnes verken en adekvansbeslutning eller nødvendige garantier for denne overføringen, så den bygger på et unntak for en særlig situasjon.

cookies-heading = Informasjonskapsler
cookies-section-text = { $consent ->
    [0] { $count ->
        [one] Nettstedet vårt bruker én informasjonskapsel eller lignende teknologi, og den er strengt nødvendig.
       *[other] Nettstedet vårt bruker { $words } informasjonskapsler og lignende teknologier, og alle er strengt nødvendige.
      }
   *[other] { $count ->
        [one] Nettstedet vårt bruker én informasjonskapsel eller lignende teknologi. Den er ikke strengt nødvendig og krever derfor samtykke.
       *[other] Nettstedet vårt bruker { $words } informasjonskapsler og lignende teknologier. De som ikke er strengt nødvendige, krever samtykke.
      }
  }
## v2: cookie groups (an unknown number of cookies: no count)
cookies-section-text-groups = { $consent ->
    [0] Nettstedet vårt bruker informasjonskapsler og lignende teknologier, noen av dem omtalt samlet i grupper, ikke hver for seg. Alle er strengt nødvendige.
   *[other] Nettstedet vårt bruker informasjonskapsler og lignende teknologier, noen av dem omtalt samlet i grupper, ikke hver for seg. De som ikke er strengt nødvendige, krever samtykke.
  }
summary-cookies-marketing-groups = Noen av dem brukes til markedsføring, det vil si til å måle og målrette annonser.
cookies-count-entries = { $count ->
    [one] én oppføring
   *[other] { $words } oppføringer
  }
cookies-section-link = Les oversikten over informasjonskapsler

rights-heading = Dine rettigheter
rights-intro = Du har disse rettighetene etter personvernforordningen. Det koster ingenting å bruke dem. Er en henvendelse åpenbart grunnløs eller urimelig, særlig fordi den gjentas, kan vi likevel kreve et rimelig gebyr eller avslå den (personvernforordningen artikkel 12 nr. 5).
right-access = Rett til innsyn
  .text = Du kan få vite om vi behandler personopplysninger om deg, og i så fall få en kopi av opplysningene og informasjon om hvordan vi behandler dem (personvernforordningen artikkel 15).
right-rectification = Rett til retting
  .text = Du kan be oss rette opplysninger om deg som er feil, og supplere opplysninger som er ufullstendige (personvernforordningen artikkel 16).
right-erasure = Rett til sletting
  .text = Du kan be oss slette opplysninger om deg, for eksempel når vi ikke lenger trenger dem, eller når du trekker tilbake samtykket og vi ikke har et annet grunnlag for å behandle dem. Retten har unntak, for eksempel når vi etter lov må oppbevare opplysningene (personvernforordningen artikkel 17).
right-restriction = Rett til begrensning av behandlingen
  .text = Du kan be oss begrense behandlingen av opplysningene dine: mens vi undersøker om opplysningene er riktige, når du mener at de ikke er det; når behandlingen er ulovlig, men du ikke vil at opplysningene slettes; når vi ikke lenger trenger opplysningene, men du trenger dem for å fastsette, gjøre gjeldende eller forsvare et rettskrav; og mens vi vurderer om grunnene våre går foran dine, når du har protestert mot behandlingen. Så lenge behandlingen er begrenset, lagrer vi opplysningene, men bruker dem ellers bare når reglene tillater det (personvernforordningen artikkel 18).
right-portability = Rett til dataportabilitet
  .text = Når behandlingen bygger på samtykke eller på en avtale med deg og skjer automatisert, kan du få opplysningene du selv har gitt oss, i et strukturert, alminnelig anvendt og maskinlesbart format. Du kan også be oss overføre dem direkte til en annen behandlingsansvarlig der det er teknisk mulig (personvernforordningen artikkel 20).
right-objection = Rett til å protestere
  .text = Du har rett til å protestere mot behandling som bygger på berettiget interesse (interesseavveining) eller på en oppgave i allmennhetens interesse eller utøvelse av offentlig myndighet, av grunner som gjelder din særlige situasjon. Da stanser vi behandlingen, med mindre vi kan påvise tvingende berettigede grunner som går foran dine interesser, rettigheter og friheter, eller behandlingen er nødvendig for å fastsette, gjøre gjeldende eller forsvare rettskrav (personvernforordningen artikkel 21 nr. 1).
  .marketing = Du kan når som helst protestere mot at opplysningene dine brukes til direkte markedsføring, også profilering som er knyttet til slik markedsføring. Da slutter vi å bruke dem til dette (personvernforordningen artikkel 21 nr. 2 og 3).
right-withdraw = Rett til å trekke tilbake samtykke
  .text = Når behandlingen bygger på samtykke, kan du når som helst trekke samtykket tilbake. Det skal være like enkelt å trekke det tilbake som å gi det. Det påvirker ikke lovligheten av behandlingen før du trakk samtykket tilbake (personvernforordningen artikkel 7 nr. 3).

## v2: limits to rights
right-limit = Begrensninger i denne retten
rights-how-heading = Slik bruker du rettighetene dine
rights-channel-email = E-post
rights-channel-web_form = Nettskjema
rights-channel-postal = Brev
rights-channel-phone = Telefon
rights-channel-in_app = I kontoen din
rights-response-time = Vi svarer uten ugrunnet opphold og senest { $time } etter at vi har mottatt henvendelsen.
rights-response-month = Vi svarer uten ugrunnet opphold og senest én måned etter at vi har mottatt henvendelsen.
rights-response-extension = Er henvendelsen komplisert, eller får vi mange henvendelser, kan fristen forlenges med inntil to måneder til. Da gir vi deg beskjed om forlengelsen og grunnen til den innen én måned etter at vi har mottatt henvendelsen (personvernforordningen artikkel 12 nr. 3).
rights-identity = Slik bekrefter vi hvem du er

complaints-heading = Klage
complaints-text = Mener du at vi behandler personopplysningene dine i strid med personvernregelverket, kan du klage til { $authority }. Du kan også klage til tilsynsmyndigheten i EØS-landet der du bor eller arbeider, eller der du mener at overtredelsen skjedde (personvernforordningen artikkel 77 nr. 1). Vi vil gjerne at du kontakter oss først, så vi kan prøve å finne en løsning.
authority-postal = Postadresse
authority-website = Nettsted
authority-complaint = Slik klager du til { $authority }

## v2: supervisory authorities (lead authority, others)
complaints-lead = Vår ledende tilsynsmyndighet (personvernforordningen artikkel 56) er { $authority }.
complaints-others = { $count ->
    [one] Du kan også klage til denne tilsynsmyndigheten:
   *[other] Du kan også klage til disse tilsynsmyndighetene:
  }
diff-field-authority = hvilken tilsynsmyndighet du kan klage til
diff-field-lead = om den er vår ledende tilsynsmyndighet
diff-field-others = de andre tilsynsmyndighetene vi nevner

security-heading = Sikkerhet
security-intro = Vi beskytter personopplysningene med tekniske og organisatoriske tiltak. Tiltakene omfatter:
children-heading = Barn
children-min-age = Tjenestene våre er ikke beregnet på barn under { $age } år.
changes-heading = Endringer i denne erklæringen
changes-advance = { $days ->
    [one] Vesentlige endringer varsler vi minst én dag før de trer i kraft.
   *[other] Vesentlige endringer varsler vi minst { $words } dager før de trer i kraft.
  }
changes-current = Dette er versjon { $version }, som gjelder fra { $date }.

## Informasjonskapsler
cookie-page-title = Informasjonskapsler
cookie-page-heading = Informasjonskapsler hos { $org }
cookie-page-description = Informasjonskapsler og lignende teknologier som { $org } bruker, hva de brukes til, og hvor lenge de lagres.
cookies-intro = Informasjonskapsler (cookies) er små tekstfiler som et nettsted lagrer i nettleseren din. Reglene om informasjonskapsler gjelder også lignende teknologier som lagrer eller leser informasjon på enheten din, for eksempel lokal lagring og piksler.
cookies-intro-list = Nedenfor står informasjonskapslene og teknologiene nettstedet vårt bruker, hvem som setter dem, hva de brukes til, og hvor lenge de lagres.
consent-heading = Ditt valg
cookies-consent-rule = Strengt nødvendige informasjonskapsler kan settes uten samtykke, fordi de trengs for å levere tjenesten du selv ber om. Alle andre krever samtykke.
change-heading = Endre eller trekke tilbake samtykket
browser-heading = Slette informasjonskapsler i nettleseren
cookies-browser-text = Du kan slette lagrede informasjonskapsler og blokkere nye i innstillingene i nettleseren din.
cookies-browser-necessary = Blokkerer du strengt nødvendige informasjonskapsler, slutter deler av nettstedet å virke.
cookies-last-reviewed = Vi gikk sist gjennom denne oversikten { $date }.
cookies-none = Denne oversikten nevner ingen informasjonskapsler eller lignende teknologier.
cookies-count = { $count ->
    [one] én informasjonskapsel
   *[other] { $words } informasjonskapsler
  }
cookie-category-strictly_necessary = Strengt nødvendige
  .description = Disse informasjonskapslene er strengt nødvendige for å levere tjenesten du selv ber om. Derfor settes de uten samtykke.
cookie-category-preferences = Funksjonelle
  .description = Disse informasjonskapslene husker valgene dine, så nettstedet fungerer slik du ønsker.
cookie-category-statistics = Statistikk
  .description = Disse informasjonskapslene hjelper oss med å forstå hvordan nettstedet brukes, så vi kan forbedre det.
cookie-category-marketing = Markedsføring
  .description = Disse informasjonskapslene brukes til å måle og målrette annonser.
cookie-category-consent-only = Vi setter dem bare hvis du samtykker.
cookie-category-third-party = Noen av dem settes av andre virksomheter (tredjepart), som kan kjenne igjen nettleseren din på andre nettsteder også.
col-name = Navn
col-provider = Leverandør
col-purpose = Formål
col-duration = Varighet
col-type = Teknologi
party-first = førstepart
party-third = tredjepart
cookie-third-party-unnamed = En tredjepart (ikke navngitt)
cookie-first-party-provider = Satt på vårt domene (førstepart) – opplysningene går til { $provider }
cookie-pixel-duration = Lagrer ingenting på enheten
## v2: cookie groups
cookie-group-unnamed = en gruppe, ikke navngitt hver for seg
technology-http_cookie = Informasjonskapsel
technology-local_storage = Lokal lagring
technology-session_storage = Øktlagring
# same-in-all-languages (a product name)
technology-indexed_db = IndexedDB
technology-pixel = Piksel
technology-fingerprint = Fingeravtrykk av enheten
technology-sdk_identifier = App-identifikator
## v2: server-side requests
technology-server_request = Forespørsel fra serveren vår
cookie-domain = Domene
cookie-data = Lagrer
cookie-activity = Behandling
cookie-pattern = navnemønster: * står for vilkårlig tekst

## Forside
index-heading = Personvern hos { $org }
index-intro = Velg språk.

## Endringslogg og versjoner
slug-changelog = endringer
slug-versions = versjoner
changelog-title = Endringer i personvernerklæringen
changelog-heading = Endringer i personvernerklæringen til { $org }
changelog-description = Alle versjoner av personvernerklæringen til { $org }, og hva som er endret.
changelog-intro = For hver versjon står det hva som er endret fra versjonen før.
changelog-version = Versjon { $version }
changelog-dates = Publisert { $published }, gjelder fra { $effective }.
changelog-first = Den første publiserte versjonen.
changelog-read = Les versjon { $version }
changelog-feed = Abonner på endringer (nyhetsstrøm i Atom-format)
changelog-link = Se alle versjoner og hva som er endret
release-status-upcoming = Kommende
release-status-current = Gjeldende
release-status-superseded = Erstattet
change-material = Vesentlig endring
change-quoted = «{ $text }»
change-added-recipients = { $count ->
    [one] Ny mottaker for «{ $name }»: { $items }.
   *[other] Nye mottakere for «{ $name }»: { $items }.
  }
change-removed-recipients = { $count ->
    [one] «{ $name }» har ikke lenger mottakeren { $items }.
   *[other] «{ $name }» har ikke lenger mottakerne { $items }.
  }
change-added-data_categories = { $count ->
    [one] Vi behandler nå også denne typen personopplysninger for «{ $name }»: { $items }.
   *[other] Vi behandler nå også disse typene personopplysninger for «{ $name }»: { $items }.
  }
change-removed-data_categories = { $count ->
    [one] Vi behandler ikke lenger denne typen personopplysninger for «{ $name }»: { $items }.
   *[other] Vi behandler ikke lenger disse typene personopplysninger for «{ $name }»: { $items }.
  }
change-added-data_subjects = «{ $name }» gjelder nå også { $items }.
change-removed-data_subjects = «{ $name }» gjelder ikke lenger { $items }.
change-added-sources = { $count ->
    [one] Ny kilde til opplysningene i «{ $name }»: { $items }.
   *[other] Nye kilder til opplysningene i «{ $name }»: { $items }.
  }
change-removed-sources = Vi henter ikke lenger opplysninger til «{ $name }» fra { $items }.
diff-field-last_reviewed = datoen for siste gjennomgang
diff-field-note = utfyllende informasjon
diff-field-consent = hvordan vi ber om samtykke
diff-field-role = kontaktpersonens rolle
diff-field-consent_cookie = informasjonskapselen som lagrer valget ditt
diff-field-announcement = hvordan vi varsler om endringer
diff-field-description = beskrivelsen
## v2: glossary
diff-field-glossary = definisjonene
## v2: transfers
diff-field-mechanisms = overføringsgrunnlag
diff-field-international_organisation = internasjonal organisasjon
diff-field-recipients_category = kategori av mottakere
changelog-material-heading = Vesentlige endringer
changelog-other-heading = Andre endringer
changelog-short-notice = Disse endringene ble varslet med kortere frist enn vi har lovet. Begrunnelse: { $reason }
change-retention = Vi lagrer nå opplysningene i «{ $name }» i { $new } i stedet for { $old }.
change-national-ground = For «{ $name }» oppgir erklæringen nå regelen i markedsføringsloven § 15 for markedsføring på e-post: { $ground ->
    [marketing_act_consent] bare med samtykke på forhånd.
   *[marketing_act_existing_customer] til eksisterende kunder, som kan reservere seg i hver melding.
}
change-arrangement-added = Erklæringen beskriver nå hovedinnholdet i ordningen for felles behandlingsansvar med «{ $name }».
change-retention-then = Erklæringen sier nå hva som skjer når lagringstiden for «{ $name }» er ute: { $then ->
    [anonymise] vi anonymiserer opplysningene.
   *[delete] vi sletter opplysningene.
}
change-cookie-duration = Informasjonskapselen «{ $name }» lagres nå i { $new } i stedet for { $old }.
change-legal-basis = Behandlingsgrunnlaget for «{ $name }» er nå «{ $new }» i stedet for «{ $old }».
change-transfer-mechanism = Overføringer til { $name } bygger nå på «{ $new }» i stedet for «{ $old }».
change-recipient-country = «{ $name }» er nå etablert i { $new } i stedet for { $old }.
change-cookie-category = Informasjonskapselen «{ $name }» er nå i kategorien «{ $new }» i stedet for «{ $old }».
change-response-time = Vi svarer nå på henvendelser om rettighetene dine innen { $new } i stedet for { $old }.
change-automated-decision = { $which ->
    [profiling] «{ $name }» omfatter nå profilering.
    [automated] «{ $name }» omfatter nå avgjørelser som utelukkende bygger på automatisert behandling.
   *[both] «{ $name }» omfatter nå profilering og avgjørelser som utelukkende bygger på automatisert behandling.
}
## v2: cookie lifetimes that are not one period
change-cookie-lifetime = Lagringstiden for «{ $name }» er endret fra «{ $old }» til «{ $new }».
change-new-purpose = Nytt formål for «{ $name }»: { $item }
change-removed-purpose = Formål som ikke lenger gjelder for «{ $name }»: { $item }
change-added = { $what } «{ $name }» er lagt til.
change-removed = { $what } «{ $name }» er fjernet.
change-changed = { $what } «{ $name }» er endret. Endringen gjelder { $fields }.
change-changed-table = { $what } er endret. Endringen gjelder { $fields }.
change-field-value = { $field } ({ $old } → { $new })
archived-superseded = Dette er versjon { $version }, som ikke lenger gjelder. <a href="{ $url }">Les den gjeldende versjonen</a>.
archived-upcoming = Dette er versjon { $version }, som gjelder fra { $date }. <a href="{ $url }">Les versjonen som gjelder nå</a>.
archived-current = Dette er versjon { $version }, som er den gjeldende versjonen.
upcoming-banner = En ny versjon ({ $version }) gjelder fra { $date }. <a href="{ $url }">Se hva som endres</a>.
entity-activities = Behandlingen
entity-recipients = Mottakeren
entity-transfers = Overføringen
entity-cookies = Informasjonskapselen
## v2: cookie groups
entity-cookies-group = Gruppen av informasjonskapsler
entity-data_categories = Opplysningskategorien
entity-data_subjects = Gruppen av registrerte
entity-sources = Kilden
entity-processor_contexts = Tjenesten der vi er databehandler
entity-sections = Avsnittet
entity-rights-channels = Kanalen for å bruke rettighetene
entity-controller = Opplysningene om den behandlingsansvarlige
entity-privacy_contact = Kontaktinformasjonen for personvern
entity-supervisory_authority = Tilsynsmyndigheten
entity-rights = Informasjonen om rettighetene dine
entity-cookie_policy = Informasjonen om samtykke til informasjonskapsler
entity-security = Informasjonen om sikkerhet
entity-children = Informasjonen om barn
entity-changes = Informasjonen om endringer
entity-document = Opplysningene om denne erklæringen
diff-field-name = navn
diff-field-purposes = formål
diff-field-data_categories = personopplysninger
diff-field-data_subjects = hvem det gjelder
diff-field-sources = kilder
diff-field-legal_basis = behandlingsgrunnlag
diff-field-legitimate_interest = berettiget interesse
diff-field-retention = lagringstid
diff-field-recipients = mottakere
diff-field-country = land
diff-field-data_locations = hvor opplysningene lagres
diff-field-kind = rolle
diff-field-service = tjeneste
diff-field-mechanism = overføringsgrunnlag
diff-field-category = kategori
diff-field-duration = varighet
diff-field-purpose = formål
diff-field-provision = om du må gi opplysningene
diff-field-automated_decision = automatiserte avgjørelser
diff-field-consent_withdrawal = hvordan du trekker tilbake samtykke
diff-field-address = adressen
diff-field-addresses = adressene
diff-field-all_activities = om mottakeren får opplysninger fra all behandling
diff-field-category_only = om bare kategorien vises
diff-field-copy = hvordan du får en kopi av garantiene
diff-field-criminal = om det gjelder straffedommer og lovovertredelser
diff-field-special = om det er en særlig kategori personopplysninger
diff-field-special_category_condition = unntaket for særlige kategorier
diff-field-instrument = overføringsinstrumentet
diff-field-supplementary_measures = de supplerende tiltakene
diff-field-legal_name = det juridiske navnet
diff-field-trade_name = handelsnavnet
diff-field-org_number = organisasjonsnummeret
diff-field-legal_reference = lovhjemmelen
diff-field-parent = hvilken databehandler den arbeider for
diff-field-party = om den er førstepart eller tredjepart
diff-field-privacy_policy = lenken til personvernerklæringen deres
diff-field-provider = leverandøren
diff-field-publicly_accessible = om kilden er offentlig tilgjengelig
diff-field-examples = eksemplene
diff-field-label = betegnelsen
diff-field-email = e-postadressen
diff-field-phone = telefonnummeret
diff-field-website = nettstedet
diff-field-domain = domenet
diff-field-response_time = svarfristen
diff-field-identity_verification = hvordan vi bekrefter identiteten din
diff-field-representative = representanten
diff-field-dpo_appointed = om vi har personvernombud
diff-field-supervisory_authority = tilsynsmyndigheten
diff-field-security = sikkerhetstiltakene
diff-field-min_age = aldersgrensen
diff-field-hosts = vertsnavnene
diff-field-activity = behandlingen
diff-field-recipient = mottakeren
diff-field-title = tittelen
diff-field-body = teksten
diff-field-customers = kundene
diff-field-last_modified = datoen for siste endring
diff-field-other = andre opplysninger

## v2: legal basis per purpose, national grounds, disclosures, limits to rights
diff-field-bases = behandlingsgrunnlaget for hvert formål
diff-field-national_ground = reglene for markedsføring på e-post
diff-field-disclosures = annen utlevering
diff-field-limits = begrensningene i rettighetene dine
feed-title = { $org }: endringer i personvernerklæringen
feed-entry = Versjon { $version }, gjelder fra { $date }
