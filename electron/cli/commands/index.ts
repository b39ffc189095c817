/**
 * Every command of the command line. Each file registers itself with `defineCommand` when imported:
 * to add a command, add a file beside this one and one import line here (help lists them in this order).
 */
import './list';
import './dump';
import './summary';
import './sample';
import './import';
import './export';
import './covering-report';
import './pack';
import './update';
import './conflicts';
import './sync';
