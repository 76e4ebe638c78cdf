/** The whole Indonesian dictionary, as the app has it once a screen has loaded (src/i18n). */
import core, { type Dict } from '../../../src/i18n/id';
import screens from '../../../src/i18n/idScreens';
import { mergeWords } from '../../../src/i18n';

const id = mergeWords(core as never, screens as never) as unknown as Dict;
export default id;
