from virt.registry import extra
import virt.registry.made
import virt.registry.other  # IMG101
from virt.registry import nothing  # IMG102
import virt.handed.sub
