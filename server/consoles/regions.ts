/**
 * French regions (2016 map) and the départements they hold: the dashboard groups organisations by
 * the région of their registered office. Reference data, not configuration.
 */
export interface Region {
  code: string;
  name: string;
  departements: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { code: '84', name: 'Auvergne-Rhône-Alpes', departements: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'] },
  { code: '27', name: 'Bourgogne-Franche-Comté', departements: ['21', '25', '39', '58', '70', '71', '89', '90'] },
  { code: '53', name: 'Bretagne', departements: ['22', '29', '35', '56'] },
  { code: '24', name: 'Centre-Val de Loire', departements: ['18', '28', '36', '37', '41', '45'] },
  { code: '94', name: 'Corse', departements: ['2A', '2B'] },
  { code: '44', name: 'Grand Est', departements: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'] },
  { code: '32', name: 'Hauts-de-France', departements: ['02', '59', '60', '62', '80'] },
  { code: '11', name: 'Île-de-France', departements: ['75', '77', '78', '91', '92', '93', '94', '95'] },
  { code: '28', name: 'Normandie', departements: ['14', '27', '50', '61', '76'] },
  { code: '75', name: 'Nouvelle-Aquitaine', departements: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'] },
  { code: '76', name: 'Occitanie', departements: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'] },
  { code: '52', name: 'Pays de la Loire', departements: ['44', '49', '53', '72', '85'] },
  { code: '93', name: 'Provence-Alpes-Côte d’Azur', departements: ['04', '05', '06', '13', '83', '84'] },
  { code: '01', name: 'Guadeloupe', departements: ['971'] },
  { code: '02', name: 'Martinique', departements: ['972'] },
  { code: '03', name: 'Guyane', departements: ['973'] },
  { code: '04', name: 'La Réunion', departements: ['974'] },
  { code: '06', name: 'Mayotte', departements: ['976'] },
];

const BY_DEPARTEMENT = new Map(REGIONS.flatMap((r) => r.departements.map((d) => [d, r] as const)));

/** The région of a département code, or an "unknown" bucket so that no organisation is left out of a total. */
export function regionOf(departement: string): Pick<Region, 'code' | 'name'> {
  const region = BY_DEPARTEMENT.get(departement);
  return region ? { code: region.code, name: region.name } : { code: '00', name: 'Région inconnue' };
}
