/**
 * The sample notice: the WTO Informal Working Group on MSMEs' convening notice of March 2024 (French,
 * shared/samples/wto-msme-notice-2024-03-fr.txt) as structured content, with every agenda item,
 * speaker and document symbol as a node. It seeds demos and is the fixture of the tests.
 */
import type { JSONContent } from '@tiptap/core'
import { agendaItem, bulletList, doc, link, paragraph, recurring, speaker } from './content-builders'
import { docFromJSON } from './doc-from-json'
import type { Notice } from './notice'
import type { NoticeMeta } from './notice-meta'

const INTERPREFY_GUIDE =
  'https://www.wto.org/library/events/interprefy_technical_note/wto_interprefy_delegate_guide_f.pdf'
const UNCTAD_REPORT =
  'https://unctad.org/publication/promoting-international-investment-small-and-medium-sized-enterprises?utm_source=World+Investment+Network+%28WIN%29&utm_campaign=8dda181259-EMAIL_CAMPAIGN_2017_05_18_COPY_01&utm_medium=email&utm_term=0_646aa30cd0-8dda181259-69981725'

const meta: NoticeMeta = {
  organisation: 'WTO',
  issuingBody: 'Groupe de travail informel sur les MPME',
  // Illustrative: the sample text does not show the notice's own symbol.
  symbol: 'INF/MSME/N/27',
  issueDate: '2024-03-08',
  language: 'fr',
  revisionLabel: 'Rev.1',
  title: 'Avis de convocation',
  meetingDate: '2024-03-19',
  meetingTime: '15:00',
  duration: "réunion d'une demi-journée",
  mode: 'hybrid',
  // The first paragraph of the notice already gives the date, time and mode.
  logistics: 'hidden',
  place: '',
  platform: 'Interprefy',
  coordinator: "M. l'Ambassadeur Matthew Wilson (Barbade)",
}

const gokani = { name: 'Bob Gokani' }

const preamble = [
  paragraph(
    'Le Groupe de travail informel sur les MPME tiendra sa prochaine réunion ordinaire en mode hybride ' +
      "le mardi 19 mars 2024 à 15 heures (réunion d'une demi-journée).",
  ),
  paragraph(
    'La participation en présentiel est encouragée. Pour les délégués qui souhaitent participer à distance ' +
      'via la plate-forme Interprefy, un guide technique résumant les détails logistiques de la participation ' +
      'aux réunions via Interprefy sera mis à disposition sur le calendrier interactif des réunions des ' +
      'Membres et peut aussi être consulté ici: ',
    link('WTO Interprefy Delegate Guide', INTERPREFY_GUIDE),
    '.',
  ),
  paragraph(
    "Sur la base du programme de travail adopté par le Groupe à sa réunion de mars 2023, l'ordre du " +
      'jour proposé est le suivant:',
  ),
]

const agenda = [
  agendaItem(
    'msme-accession',
    "LES MPME ET L'ACCESSION À L'OMC",
    paragraph(
      speaker({
        honorific: 'Mme',
        name: 'Ralyana Horta Ribeiro',
        role: 'Première Secrétaire',
        preposition: 'de la',
        organisation: 'Mission permanente du Timor-Leste',
      }),
      ', et ',
      speaker({
        honorific: 'M.',
        name: 'Ahmed Mzé',
        role: 'Conseiller économique',
        preposition: 'à la',
        organisation: 'Mission permanente des Comores',
      }),
      ", participeront à la réunion pour parler de leur accession récente à l'OMC, de la manière dont les " +
        "vues des MPME ont été prises en compte dans leur processus d'accession et de la manière dont " +
        "l'accession soutiendra le commerce des MPME dans leurs économies.",
    ),
  ),
  agendaItem(
    'msme-package-2020',
    "MISE EN ŒUVRE DE L'ENSEMBLE DE TEXTES DE DÉCEMBRE 2020 CONCERNANT LES MPME",
    paragraph(
      'Les Membres seront invités à fournir des renseignements actualisés sur les mesures prises pour ' +
        "mettre en œuvre l'ensemble de textes de décembre 2020 concernant les MPME (INF/MSME/4/Rev.2). " +
        'Ils seront notamment invités à faire rapport sur:',
    ),
    bulletList(
      "l'inclusion de renseignements relatifs aux MPME dans les examens de la politique commerciale (EPC) – " +
        "Les Membres dont la politique commerciale a fait l'objet d'un examen depuis notre réunion de " +
        "juillet 2023 seront invités à rendre compte de l'inclusion de renseignements relatifs aux MPME dans " +
        'leur EPC (annexe 1 du document INF/MSME/4/Rev.2);',
      'les mesures prises pour soutenir le Global Trade Helpdesk (annexe 2);',
      'les mesures de facilitation des échanges en faveur des MPME (annexe 3);',
      "l'inclusion des MPME dans l'élaboration des réglementations commerciales pour réduire au minimum " +
        'la charge réglementaire (annexe 4);',
      'la mise en œuvre de la Décision de 2019 concernant la base de données intégrée (annexe 5);',
      "les mesures prises pour faciliter l'accès des MPME au financement, y compris le financement du " +
        'commerce et les paiements transfrontières (annexe 6).',
    ),
  ),
  agendaItem(
    'thematic-discussions',
    'DISCUSSIONS THÉMATIQUES',
    paragraph(
      'Au titre de ce pilier du programme de travail 2023 pour les MPME, le Groupe de travail sur les MPME ' +
        "continue d'étudier les questions qui présentent un intérêt particulier pour le commerce de ces " +
        "entreprises en vue, s'il y a lieu, de formuler des orientations politiques.",
    ),
    agendaItem(
      'sustainability-reporting',
      "Discussion sur les MPME, la durabilité et les prescriptions relatives à l'établissement de rapports",
      paragraph(
        'Comme suite aux observations formulées par les participants dans le cadre des dialogues menés ' +
          'en 2022 et 2023 avec le secteur privé sur les difficultés rencontrées par les MPME pour satisfaire ' +
          "aux prescriptions relatives à l'établissement de rapports sur la durabilité, ",
        speaker({ name: 'Kate Kallot', role: 'fondatrice et PDG', preposition: "d'", organisation: 'Amini' }),
        ', et ',
        speaker({
          name: 'Steven Capell',
          role: 'Vice-Président',
          preposition: 'du',
          organisation: 'CEFACT-ONU',
        }),
        ', engageront une discussion sur les difficultés rencontrées par ces entreprises et étudieront les ' +
          "mesures qui pourraient être prises pour permettre aux MPME d'établir plus facilement ce type de " +
          'rapports. La discussion sera animée par ',
        speaker({
          name: 'Mathieu Lamolle',
          role: 'conseiller principal en charge du programme "Commerce pour le développement durable"',
          preposition: "à l'",
          organisation: 'ITC',
        }),
        '.',
      ),
    ),
    agendaItem(
      'msme-investment',
      'Investissement des MPME',
      paragraph(
        speaker({
          name: 'Richard Bolwijn',
          role: "Directeur de la recherche sur l'investissement",
          preposition: 'à la',
          organisation: 'CNUCED',
        }),
        ', présentera son rapport de février 2024 intitulé ',
        link('Promoting International Investment by Small and Medium-sized Enterprises', UNCTAD_REPORT),
        " (Promouvoir l'investissement international des petites et moyennes entreprises). Ce rapport " +
          "explique comment réduire le biais de la politique d'investissement commune dans les pays d'origine " +
          "et d'accueil en faveur des grandes entreprises multinationales et examine le rôle des PME dans " +
          "l'IED Sud-Sud et intrarégional, ainsi que les moyens de maximiser l'impact de l'IED des PME sur le " +
          "développement. Il introduit un nouveau cadre pour évaluer la pertinence et l'efficacité des " +
          "politiques d'investissement existantes destinées à promouvoir l'investissement des PME et présente " +
          'des options stratégiques.',
      ),
    ),
  ),
  agendaItem(
    'private-sector-dialogue',
    'RENFORCER LE DIALOGUE AVEC LE SECTEUR PRIVÉ ET LES AUTRES PARTIES PRENANTES',
    agendaItem(
      'upu-presentation',
      "Exposé présenté par l'Union postale universelle (UPU) sur ses travaux relatifs aux MPME",
      paragraph(
        speaker({
          name: 'Houssem Gharbi',
          role: 'spécialiste du commerce et de la croissance des PME',
          preposition: "à l'",
          organisation: 'Union postale universelle (UPU)',
        }),
        ', communiquera au Groupe des renseignements sur les travaux relatifs aux MPME menés par ' +
          "l'UPU et sur la manière dont les réseaux postaux peuvent être utilisés pour promouvoir l'inclusion " +
          'commerciale des MPME.',
      ),
    ),
    agendaItem(
      'wtca-presentation',
      'Exposé présenté par la World Trade Centers Association',
      paragraph(
        'Dans le cadre du dialogue continu avec le secteur privé et les parties prenantes extérieures, ',
        speaker({
          name: 'Robin van Puyenbroeck',
          role: 'Directeur exécutif du développement des entreprises',
          preposition: 'à la',
          organisation: 'World Trade Centers Association (WTCA)',
        }),
        ', un organisme sans but lucratif regroupant des organisations actives dans le domaine des services ' +
          'commerciaux situées dans plus de 90 économies, présentera un exposé sur les travaux de la WTCA et ' +
          "les efforts qu'elle déploie pour accroître le commerce international des MPME par le biais de " +
          "réseaux d'entreprises.",
      ),
    ),
    agendaItem(
      'msme-spotlight',
      'Gros plan sur une MPME',
      paragraph(
        "L'Institute of Export and International Trade (IOE&IT) communiquera au Groupe des renseignements " +
          'actualisés sur ses travaux en cours et présentera le lauréat du prix 2023 de la micro-entreprise de ' +
          'commerce international, ',
        speaker({ ...gokani, role: 'propriétaire et créateur', preposition: "d'", organisation: 'EziDrops' }),
        ", un petit fabricant d'applicateurs de gouttes pour les yeux et les oreilles du Royaume-Uni. ",
        speaker(gokani),
        ", qui fait l'objet du deuxième gros plan sur une MPME, parlera de son expérience en tant que " +
          'micro-entreprise présente sur les marchés internationaux.',
      ),
    ),
  ),
  agendaItem(
    'work-programme-planning',
    'À VENIR – PLANIFICATION DU PROGRAMME DE TRAVAIL SUR LES MPME',
    paragraph(
      "Les Membres seront invités à participer à une discussion sur les travaux de l'après-CM13 relatifs aux " +
        'MPME. Comme il est indiqué dans la déclaration faite par le coordonnateur à la CM13 ' +
        '(WT/MIN(24)/9), le Groupe a publié avec succès un ensemble de recommandations et de ' +
        'déclarations (INF/MSME/4/Rev.2), lancé la plate-forme Trade4MSMEs (trade4msmes.org), organisé ' +
        'trois éditions du concours "Small Business Champions" avec l\'ICC et l\'ITC, créé deux bases de ' +
        "données et présenté récemment deux recueils, l'un sur l'accès au financement pour les petites " +
        "entreprises dirigées par des femmes (INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1) et l'autre sur les " +
        "programmes d'opérateurs économiques agréés incluant une dimension relative aux MPME " +
        '(INF/MSME/W/47/Rev.1). Ces dernières années, le Groupe a également reçu et examiné des ' +
        'exposés sur un large éventail de sujets, parmi lesquels les paiements transfrontières, la ' +
        "numérisation, la fragilité, l'informalité, la propriété intellectuelle et l'innovation, les envois de " +
        'faible valeur, le financement des MPME, les accords commerciaux régionaux, les MPME rurales, la ' +
        'durabilité et la facilitation des échanges.',
    ),
    paragraph(
      "Sur la base de ces travaux et des discussions sur l'inclusion tenues à la CM13, les Membres seront " +
        'invités à indiquer les sujets qui présentent un intérêt particulier pour eux et à faire part de ' +
        'leurs vues sur la manière dont le Groupe pourrait structurer au mieux ses travaux dans ' +
        "l'année ou les deux années à venir.",
    ),
  ),
  recurring(
    agendaItem(
      'other-business',
      'AUTRES QUESTIONS',
      agendaItem(
        'international-organisations',
        'Participation régulière des organisations internationales',
        paragraph(
          "Compte tenu de l'étroite collaboration entre le Groupe de travail sur les MPME et d'autres " +
            'organisations internationales, dont découlent le soutien au Global Trade Helpdesk, le recueil sur ' +
            "les programmes d'opérateurs économiques agréés (OEA) des MPME élaboré avec l'aide de l'OMD " +
            '(INF/MSME/W/47/Rev.1) et le réseau Trade4MSMEs, les membres du Groupe de travail sur les MPME ' +
            "seront encouragés à envisager d'inviter d'autres organisations internationales travaillant sur " +
            'les questions liées aux MPME à participer aux réunions du Groupe en qualité ' +
            "d'observateurs.",
        ),
        paragraph(
          'Les participants au réseau Trade4MSMEs qui pourraient être invités à assister aux réunions du ' +
            'Groupe de travail sur les MPME sont les suivants: Banque asiatique de développement (BAsD); ' +
            'Banque européenne pour la reconstruction et le développement (BERD); Banque interaméricaine de ' +
            "développement (BID); Banque mondiale; Commission économique des Nations Unies pour l'Afrique " +
            "(CEA); Commission économique des Nations Unies pour l'Europe (CEE-ONU); Commission " +
            "économique des Nations Unies pour l'Amérique latine et les Caraïbes (CEPALC); Commission " +
            "économique et sociale des Nations Unies pour l'Asie et le Pacifique (CESAP); Commission des " +
            'Nations Unies pour le droit commercial international (CNUDCI); Centre du commerce international ' +
            '(ITC); Organisation de coopération et de développement économiques (OCDE); Organisation ' +
            'internationale du travail (OIT); Organisation mondiale des douanes (OMD); Organisation mondiale ' +
            'de la propriété intellectuelle (OMPI); Organisation des Nations Unies pour le développement ' +
            'industriel (ONUDI); et Union internationale des télécommunications (UIT).',
        ),
      ),
      recurring(agendaItem('other-matters', 'Autres questions')),
    ),
  ),
]

// Normalised through the schema once, so the content carries every default attribute and is exactly
// what a Yjs round trip or an editor gives back.
const content: JSONContent = docFromJSON(doc(...preamble, ...agenda)).toJSON()

/**
 * The WTO MSME notice of March 2024 (French): metadata and content with 6 top-level agenda items
 * (sub-items 3.1-3.2, 4.1-4.3, 6.1-6.2), every speaker and document symbol as a node, external
 * references as links. Agenda item ids are fixed strings ("msme-accession", ...); "Autres questions"
 * (6 and 6.2) is marked recurring.
 */
export const sampleNotice: Notice = { meta, content }
