import { Op } from 'sequelize';
import type { AppState } from '../context';
import { isRegulatory } from '../policies/rules';

/**
 * Names of who receives a transmitted statement: for the ER, the chosen préfectures plus DHUP,
 * CDC, CGLLS and ANCOLS (R. 423-28); for a federation's questionnaire, that federation.
 */
export async function recipientNames(state: AppState, owner: string, prefectures: string[]): Promise<string[]> {
  if (!isRegulatory(owner)) {
    const federation = await state.models.Federation.findOne({ where: { code: owner } });
    return [federation?.name ?? owner];
  }
  const authorities = await state.models.Authority.findAll({
    where: { [Op.or]: [{ kind: { [Op.in]: ['DHUP', 'CDC', 'CGLLS', 'ANCOLS'] } }, { kind: 'PREFECTURE', departement: prefectures }] },
    order: [
      ['kind', 'ASC'],
      ['departement', 'ASC'],
    ],
  });
  const names = authorities.map((a) => a.name);
  const known = new Set(authorities.filter((a) => a.kind === 'PREFECTURE').map((a) => a.departement));
  for (const departement of prefectures) if (!known.has(departement)) names.push(`Préfecture (${departement})`);
  return names;
}
